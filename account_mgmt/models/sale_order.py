# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_confirm(self):
        """Confirm, then start the onboarding of accounts confirming their first order."""
        result = super().action_confirm()
        accounts = self.partner_id.commercial_partner_id.sudo()
        for account in accounts.filtered(lambda p: not p.onboarding_start_date):
            confirmed = self.sudo().search_count(
                [
                    ("partner_id", "child_of", account.id),
                    ("state", "=", "sale"),
                    ("id", "not in", self.ids),
                ],
                limit=1,
            )
            if confirmed:
                # Not the first order: the account predates this module's onboarding.
                continue
            orders = self.filtered_domain(
                [("partner_id.commercial_partner_id", "=", account.id)]
            )
            first = min(orders.mapped("date_order"))
            tz = account.account_manager_id.tz or self.env.user.tz or "UTC"
            start = fields.Date.context_today(self.with_context(tz=tz), first)
            account._start_onboarding(start)
        return result
