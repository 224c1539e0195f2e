# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import fields, models


class AccountMgmtHealthComponent(models.Model):
    """Support tickets become a component of the account health score."""

    _inherit = "account.mgmt.health.component"

    code = fields.Selection(
        selection_add=[("support", "Support")], ondelete={"support": "cascade"}
    )
