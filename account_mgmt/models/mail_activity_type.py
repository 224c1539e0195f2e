# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailActivityType(models.Model):
    _inherit = "mail.activity.type"

    is_proactive = fields.Boolean(
        string="Proactive Touchpoint",
        help="Completing an activity of this type counts as a proactive contact "
        "with the account: one we started, not an answer to a problem.",
    )
