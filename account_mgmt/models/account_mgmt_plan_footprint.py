# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class AccountMgmtPlanFootprint(models.Model):
    """What an account bought in one product category over the plan's 12 months.

    The plan rebuilds these lines from sale orders; nobody edits them.
    """

    _name = "account.mgmt.plan.footprint"
    _description = "Account Plan Footprint"
    _order = "amount desc, id"

    plan_id = fields.Many2one(
        "account.mgmt.plan", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    product_category_id = fields.Many2one(
        "product.category", required=True, ondelete="cascade"
    )
    offer_category_id = fields.Many2one(
        "account.mgmt.offer.category",
        compute="_compute_offer_category_id",
        store=True,
        help="Catalogue offer whose product categories cover this category.",
    )
    amount = fields.Monetary(
        help="Untaxed amount of confirmed sale order lines, in company currency.",
    )

    @api.depends("product_category_id")
    def _compute_offer_category_id(self):
        catalogue = self.env["account.mgmt.offer.category"].search([])
        for line in self:
            line.offer_category_id = catalogue._match_product_category(
                line.product_category_id
            )
