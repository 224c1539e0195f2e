# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Thresholds of the support health component and of the support alerts."""

    _inherit = "res.config.settings"

    account_mgmt_support_open_limit = fields.Integer(
        string="Open Tickets for Score 0",
        config_parameter="account_mgmt_helpdesk.support_open_limit",
        default=10,
        help="Open tickets at which the open-ticket part of the support score "
        "reaches 0; each open ticket takes off its share.",
    )
    account_mgmt_support_high_limit = fields.Integer(
        string="High-Priority Tickets for Score 0",
        config_parameter="account_mgmt_helpdesk.support_high_limit",
        default=3,
        help="Open high or very high priority tickets at which the "
        "high-priority part of the support score reaches 0.",
    )
    account_mgmt_support_volume_limit = fields.Float(
        string="Ticket Volume for Score 0",
        config_parameter="account_mgmt_helpdesk.support_volume_limit",
        default=3.0,
        help="Tickets of the last 90 days as a multiple of the account's usual "
        "volume at which the volume part reaches 0. Up to the usual volume "
        "the part is 100, and it falls in a straight line in between.",
    )
    account_mgmt_support_resolution_limit = fields.Integer(
        string="Resolution Days for Score 0",
        config_parameter="account_mgmt_helpdesk.support_resolution_limit",
        default=30,
        help="Average days to close a ticket (tickets closed in the last 12 "
        "months) at which the resolution part of the support score reaches 0.",
    )
    account_mgmt_support_surge_factor = fields.Float(
        string="Ticket Surge Factor",
        config_parameter="account_mgmt_helpdesk.support_surge_factor",
        default=2.0,
        help="A ticket surge is this many times the account's usual volume "
        "of tickets in the last 90 days, or more.",
    )
    account_mgmt_support_surge_min = fields.Integer(
        string="Ticket Surge Minimum",
        config_parameter="account_mgmt_helpdesk.support_surge_min",
        default=5,
        help="Fewer tickets than this in the last 90 days are never a surge, "
        "whatever the usual volume.",
    )
    account_mgmt_support_high_age_days = fields.Integer(
        string="High-Priority Ticket Alert (Days)",
        config_parameter="account_mgmt_helpdesk.support_high_age_days",
        default=7,
        help="A high or very high priority ticket still open after more than "
        "this many days adds a support risk to the account plan.",
    )

    def set_values(self):
        self.env["res.partner"]._check_support_settings(
            {
                "open_limit": self.account_mgmt_support_open_limit,
                "high_limit": self.account_mgmt_support_high_limit,
                "volume_limit": self.account_mgmt_support_volume_limit,
                "resolution_limit": self.account_mgmt_support_resolution_limit,
                "surge_factor": self.account_mgmt_support_surge_factor,
                "surge_min": self.account_mgmt_support_surge_min,
                "high_age_days": self.account_mgmt_support_high_age_days,
            }
        )
        return super().set_values()
