# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMgmtTier(models.Model):
    """Segment of the account book, which decides how much attention an account gets."""

    _name = "account.mgmt.tier"
    _description = "Account Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    partner_ids = fields.One2many("res.partner", "tier_id", string="Accounts")
