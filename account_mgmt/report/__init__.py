from . import account_mgmt_touchpoint_report
