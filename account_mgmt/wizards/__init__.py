from . import account_mgmt_handover
from . import account_mgmt_expansion_wizard
