# Copyright 2026 Account Management for Odoo contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Account Management",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "sequence": 20,
    "summary": "Tiers, account plans, review cadence, health scores "
    "and retention KPIs for existing customers",
    "author": "Account Management for Odoo contributors",
    "website": "https://example.invalid/account_mgmt",
    "license": "LGPL-3",
    "depends": ["crm", "sale_management", "account", "mail"],
    "data": [
        "security/account_mgmt_groups.xml",
        "security/ir.model.access.csv",
        "security/account_mgmt_security.xml",
        "data/ir_cron_data.xml",
        "data/account_mgmt_tier_data.xml",
        "views/account_mgmt_tier_views.xml",
        "views/res_partner_views.xml",
        "data/account_mgmt_health_data.xml",
        "views/account_mgmt_health_component_views.xml",
        "views/account_mgmt_health_snapshot_views.xml",
        "views/account_mgmt_satisfaction_views.xml",
        "views/account_mgmt_revenue_report_views.xml",
        "views/account_mgmt_retention_report_views.xml",
        "views/res_partner_health_views.xml",
        "views/res_config_settings_health_views.xml",
        "views/account_mgmt_menus.xml",
    ],
    "demo": [
        "demo/account_mgmt_demo.xml",
        "demo/account_mgmt_health_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "application": True,
    "installable": True,
}
