# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

# Role kinds the stakeholder gap rules look for.
ROLE_KINDS = [
    ("champion", "Champion"),
    ("decision_maker", "Decision-Maker"),
    ("budget_holder", "Budget Holder"),
    ("influencer", "Influencer"),
    ("user", "User"),
    ("executive_sponsor", "Executive Sponsor"),
    ("blocker", "Blocker"),
]


class AccountMgmtStakeholderRole(models.Model):
    """Part a client contact plays in buying from us (champion, blocker...)."""

    _name = "account.mgmt.stakeholder.role"
    _description = "Stakeholder Role"
    _order = "sequence, id"

    _unique_kind = models.UniqueIndex(
        "(kind) WHERE kind IS NOT NULL",
        "Each role kind can be given to one role only.",
    )

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    color = fields.Integer()
    active = fields.Boolean(default=True)
    kind = fields.Selection(
        ROLE_KINDS,
        help="Standard role the stakeholder gap rules check for. "
        "Leave empty for a role of your own that no rule checks.",
    )
    description = fields.Text(translate=True)
