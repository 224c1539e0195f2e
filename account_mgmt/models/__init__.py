from . import account_mgmt_tier
from . import mail_activity_type
from . import res_partner
from . import res_partner_figures
