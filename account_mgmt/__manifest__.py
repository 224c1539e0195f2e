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
        "data/ir_cron_data.xml",
        "data/account_mgmt_tier_data.xml",
        "views/account_mgmt_tier_views.xml",
        "views/res_partner_views.xml",
        "security/account_mgmt_security.xml",
        "data/account_mgmt_stakeholder_role_data.xml",
        "report/account_mgmt_plan_report.xml",
        "views/account_mgmt_plan_views.xml",
        "views/account_mgmt_stakeholder_role_views.xml",
        "views/account_mgmt_offer_category_views.xml",
        "views/res_partner_stakeholder_views.xml",
        "views/crm_lead_views.xml",
        "wizards/account_mgmt_expansion_wizard_views.xml",
        "views/account_mgmt_menus.xml",
    ],
    "demo": [
        "demo/account_mgmt_demo.xml",
        "demo/account_mgmt_plan_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
    "application": True,
    "installable": True,
}
