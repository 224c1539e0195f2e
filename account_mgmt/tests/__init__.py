from . import test_account_figures
from . import test_account_identity
from . import test_demo_revenue
from . import test_external_api
from . import test_account_tier
from . import test_account_coverage
