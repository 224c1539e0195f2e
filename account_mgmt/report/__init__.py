from . import account_mgmt_touchpoint_report
from . import account_mgmt_revenue_report
from . import account_mgmt_retention_report
from . import account_mgmt_retention_report_renewal
from . import account_mgmt_renewal_report
