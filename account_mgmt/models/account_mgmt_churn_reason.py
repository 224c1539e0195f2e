# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMgmtChurnReason(models.Model):
    """Reason an account left or renewed for less: a configurable list."""

    _name = "account.mgmt.churn.reason"
    _description = "Churn or Contraction Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    reason_type = fields.Selection(
        [
            ("churn", "Churn"),
            ("contraction", "Contraction"),
            ("both", "Churn or Contraction"),
        ],
        string="Used For",
        required=True,
        default="both",
    )
