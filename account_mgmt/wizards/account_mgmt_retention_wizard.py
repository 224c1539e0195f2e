# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from ..report.account_mgmt_retention_report import DATE_KEY


class AccountMgmtRetentionWizard(models.TransientModel):
    """Pick the as-of date of the retention analysis."""

    _name = "account.mgmt.retention.wizard"
    _description = "Retention Analysis Date"

    date_to = fields.Date(
        string="As Of",
        required=True,
        default=fields.Date.context_today,
        help="Last day of the current 12-month window; the prior window is the "
        "12 months before it.",
    )

    def action_open_report(self):
        """Open the retention analysis as of the chosen date."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt.account_mgmt_retention_report_action"
        )
        action["context"] = {DATE_KEY: fields.Date.to_string(self.date_to)}
        action["display_name"] = self.env._(
            "Retention as of %(date)s", date=self.date_to
        )
        return action
