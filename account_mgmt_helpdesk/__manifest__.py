# Copyright 2026 Account Management for Odoo contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
{
    "name": "Account Management - Helpdesk",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "summary": "Support tickets of OCA helpdesk_mgmt as account signals",
    "author": "Account Management for Odoo contributors",
    "license": "AGPL-3",
    "depends": ["account_mgmt", "helpdesk_mgmt"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/account_mgmt_health_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/account_mgmt_helpdesk_menus.xml",
    ],
    "demo": ["demo/account_mgmt_helpdesk_demo.xml"],
    "auto_install": True,
}
