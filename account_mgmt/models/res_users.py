# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.fields import Domain

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"


class ResUsers(models.Model):
    """Pitfall counts of the accounts each user manages."""

    _inherit = "res.users"

    account_reactive_only_count = fields.Integer(
        string="Reactive-only Accounts",
        compute="_compute_account_pitfall_counts",
        groups=ACCOUNT_GROUP,
    )
    account_cadence_overdue_count = fields.Integer(
        string="Accounts with Overdue Cadence",
        compute="_compute_account_pitfall_counts",
        groups=ACCOUNT_GROUP,
    )

    def _compute_account_pitfall_counts(self):
        partners = self.env["res.partner"]
        base = partners._cadence_account_domain() & Domain(
            "account_manager_id", "in", self.ids
        )
        counts = {}
        for flag in ("is_reactive_only", "is_cadence_overdue"):
            groups = partners._read_group(
                base & Domain(flag, "=", True), ["account_manager_id"], ["__count"]
            )
            counts[flag] = {user.id: count for user, count in groups}
        for user in self:
            user.account_reactive_only_count = counts["is_reactive_only"].get(
                user.id, 0
            )
            user.account_cadence_overdue_count = counts["is_cadence_overdue"].get(
                user.id, 0
            )
