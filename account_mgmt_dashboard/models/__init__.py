from . import account_mgmt_retention_report
