# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMgmtExpansionWizard(models.TransientModel):
    """Confirmation asked before an upsell or cross-sell for an account in trouble."""

    _name = "account.mgmt.expansion.wizard"
    _description = "Confirm Expansion Despite Risk"

    plan_id = fields.Many2one("account.mgmt.plan", required=True, ondelete="cascade")
    goal_id = fields.Many2one("account.mgmt.plan.goal", ondelete="cascade")
    offer_category_id = fields.Many2one(
        "account.mgmt.offer.category", ondelete="cascade"
    )
    opportunity_kind = fields.Selection(
        [("upsell", "Upsell"), ("cross_sell", "Cross-sell")], required=True
    )
    warnings = fields.Text(readonly=True)

    def action_confirm(self):
        """Create the opportunity anyway; it gets flagged and the reasons logged."""
        self.ensure_one()
        return self.plan_id._action_create_opportunity(
            self.opportunity_kind,
            goal=self.goal_id or None,
            offer_category=self.offer_category_id or None,
            confirmed=True,
        )
