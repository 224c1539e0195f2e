from . import test_account_figures
from . import test_account_identity
from . import test_demo_revenue
from . import test_external_api
from . import test_cadence
from . import test_renewal
from . import test_cadence_concurrency
from . import test_onboarding_review
