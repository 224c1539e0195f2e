# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models

HEALTH_BANDS = [
    ("healthy", "Healthy"),
    ("at_risk", "At Risk"),
    ("critical", "Critical"),
]


class AccountMgmtHealthSnapshot(models.Model):
    """Health score of an account on one day, kept to show its trend."""

    _name = "account.mgmt.health.snapshot"
    _description = "Account Health Snapshot"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        ondelete="cascade",
    )
    date = fields.Date(required=True, index=True)
    score = fields.Float(digits=(5, 1), aggregator="avg")
    band = fields.Selection(HEALTH_BANDS)
    tier_id = fields.Many2one(related="partner_id.tier_id", string="Tier", store=False)
    account_manager_id = fields.Many2one(
        related="partner_id.account_manager_id", string="Account Manager"
    )

    _partner_date_unique = models.UniqueIndex(
        "(partner_id, date)", "An account has one health snapshot per day."
    )

    @api.model
    def _take_snapshots(self, accounts, date):
        """Record the stored health of ``accounts`` on ``date``, replacing that day's.

        Idempotent: running it twice on a day leaves one snapshot per account.
        Accounts without a score get none.

        :return: snapshots written
        """
        accounts = accounts.filtered("health_date")
        existing = self.search_fetch(
            [("partner_id", "in", accounts.ids), ("date", "=", date)],
            ["partner_id"],
        )
        by_partner = {snapshot.partner_id.id: snapshot for snapshot in existing}
        to_create = []
        for account in accounts:
            values = {"score": account.health_score, "band": account.health_band}
            snapshot = by_partner.get(account.id)
            if snapshot:
                snapshot.write(values)
            else:
                to_create.append(dict(values, partner_id=account.id, date=date))
        return existing | self.create(to_create)
