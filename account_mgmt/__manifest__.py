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
        "data/mail_activity_type_data.xml",
        "wizards/account_mgmt_handover_views.xml",
        "views/account_mgmt_tier_rule_views.xml",
        "views/mail_activity_type_views.xml",
        "report/account_mgmt_touchpoint_report_views.xml",
        "views/account_mgmt_menus.xml",
    ],
    "demo": [
        "demo/account_mgmt_demo.xml",
        "demo/account_move_history_demo.xml",
        "demo/account_mgmt_tier_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "application": True,
}
