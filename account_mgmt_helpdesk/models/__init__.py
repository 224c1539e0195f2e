from . import helpdesk_ticket
from . import res_partner
from . import account_mgmt_health_component
from . import res_config_settings
from . import res_partner_support_health
from . import res_partner_support_alert
from . import res_partner_pitfall
