from . import account_mgmt_expansion_wizard
