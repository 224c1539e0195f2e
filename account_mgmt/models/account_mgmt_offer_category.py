# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMgmtOfferCategory(models.Model):
    """Line of our offer catalogue, mapped to the product categories it sells.

    An account plan compares the catalogue with what the account bought: a
    catalogue line whose product categories (children included) sold nothing
    to the account in the last 12 months is white space.
    """

    _name = "account.mgmt.offer.category"
    _description = "Offer Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    product_category_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        required=True,
        help="Sales in these categories or their subcategories count for this offer.",
    )
    expected_annual_value = fields.Float(
        help="Typical yearly revenue of this offer for one account, in the "
        "company currency; a new cross-sell opportunity starts with it.",
    )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_create_plan_opportunity(self):
        """Create a cross-sell opportunity for this offer on the plan in context."""
        self.ensure_one()
        plan = self.env["account.mgmt.plan"].browse(
            self.env.context.get("account_mgmt_plan_id")
        )
        plan.ensure_one()
        return plan._action_create_opportunity("cross_sell", offer_category=self)

    # ------------------------------------------------------------
    # TOOLING
    # ------------------------------------------------------------

    def _match_product_category(self, product_category):
        """Return the first offer category in ``self`` covering ``product_category``."""
        ancestor_ids = {int(i) for i in product_category.parent_path.split("/") if i}
        for offer in self:
            if ancestor_ids & set(offer.product_category_ids.ids):
                return offer
        return self.browse()
