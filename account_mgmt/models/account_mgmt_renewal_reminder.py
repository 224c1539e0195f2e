# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class AccountMgmtRenewalReminder(models.Model):
    """Reminder of a renewal cycle at one offset before its end, created once."""

    _name = "account.mgmt.renewal.reminder"
    _description = "Renewal Reminder"
    _order = "reminder_date, id"

    renewal_id = fields.Many2one(
        "account.mgmt.renewal",
        string="Renewal Cycle",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="renewal_id.company_id", store=True)
    offset_days = fields.Integer(string="Days Before End", required=True)
    reminder_date = fields.Date(required=True)
    activity_id = fields.Many2one(
        "mail.activity",
        string="Activity",
        ondelete="set null",
        help="Reminder activity given to the account manager. Empty when a later "
        "reminder was already due when this one was logged.",
    )

    # One reminder per offset, even when two cron workers run at once.
    _renewal_offset_uniq = models.UniqueIndex(
        "(renewal_id, offset_days)",
        "A renewal cycle gets only one reminder per offset.",
    )
