# Copyright 2026 Account Management for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Account Management - Dashboard",
    "version": "19.0.1.0.0",
    "category": "Productivity/Dashboard",
    "summary": "Spreadsheet dashboard of the account management KPIs",
    "author": "Account Management for Odoo contributors",
    "license": "LGPL-3",
    "depends": ["account_mgmt", "spreadsheet_dashboard"],
    "data": [
        "data/dashboards.xml",
    ],
    "demo": [
        "demo/account_mgmt_dashboard_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "account_mgmt_dashboard/static/tests/tours/*.js",
        ],
    },
    "auto_install": True,
}
