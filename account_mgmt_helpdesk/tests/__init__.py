from . import test_ticket_accounts
from . import test_support_health
from . import test_support_alerts
from . import test_ticket_touches
