from . import account_mgmt_handover
from . import account_mgmt_expansion_wizard
from . import account_mgmt_retention_wizard
