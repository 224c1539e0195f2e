# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Health bands and drop alert threshold."""

    _inherit = "res.config.settings"

    account_mgmt_health_healthy_min = fields.Integer(
        string="Healthy From",
        config_parameter="account_mgmt.health_healthy_min",
        default=70,
        help="Accounts scoring at least this are healthy.",
    )
    account_mgmt_health_at_risk_min = fields.Integer(
        string="At Risk From",
        config_parameter="account_mgmt.health_at_risk_min",
        default=40,
        help="Accounts scoring at least this, and below the healthy "
        "threshold, are at risk; below it they are critical.",
    )
    account_mgmt_health_drop_threshold = fields.Integer(
        string="Health Drop Alert",
        config_parameter="account_mgmt.health_drop_threshold",
        default=15,
        help="A score that fell by more than this many points over 30 days "
        "gives the account manager an at-risk activity.",
    )

    def set_values(self):
        self.env["res.partner"]._check_health_settings(
            self.account_mgmt_health_healthy_min,
            self.account_mgmt_health_at_risk_min,
            self.account_mgmt_health_drop_threshold,
        )
        return super().set_values()
