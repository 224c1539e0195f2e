from . import account_mgmt_handover
