from . import account_mgmt_tier
from . import mail_activity_type
from . import res_partner
from . import res_partner_figures
from . import account_mgmt_tier_rule
from . import account_mgmt_tier_band
from . import res_partner_tier
from . import res_partner_coverage
