# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields, models
from odoo.tools import SQL

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"
TOUCH_WINDOW_DAYS = 90
MIN_PROACTIVE_SHARE = 50


class ResPartner(models.Model):
    """Pitfall flags: accounts we only hear from about problems, or neglect."""

    _inherit = "res.partner"

    proactive_touch_share = fields.Integer(
        string="Proactive Touches (%)",
        compute="_compute_pitfall_flags",
        groups=ACCOUNT_GROUP,
        help="Share of the completed activities of the last 90 days, on the account, "
        "its contacts and their opportunities, whose type is proactive.",
    )
    is_reactive_only = fields.Boolean(
        string="Reactive-only Contact",
        compute="_compute_pitfall_flags",
        search="_search_is_reactive_only",
        groups=ACCOUNT_GROUP,
        help="Tiered account with no proactive touch within its tier's contact "
        "interval, or with fewer than half of the last 90 days' touches proactive.",
    )
    is_cadence_overdue = fields.Boolean(
        string="Cadence Overdue",
        compute="_compute_pitfall_flags",
        search="_search_is_cadence_overdue",
        groups=ACCOUNT_GROUP,
        help="Tiered account whose open touchpoint or business review is past due.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_pitfall_flags(self):
        accounts = self.commercial_partner_id
        touches = self._touch_counts(accounts.ids)
        overdue_ids = set(self._overdue_cadence_account_ids(accounts.ids))
        today = fields.Date.context_today(self)
        for partner in self:
            account = partner.commercial_partner_id
            total, proactive = touches.get(account.id, (0, 0))
            share = round(100 * proactive / total) if total else 0
            partner.proactive_touch_share = share
            partner.is_cadence_overdue = account.id in overdue_ids
            partner.is_reactive_only = account._is_reactive_only(total, share, today)

    def _search_is_reactive_only(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        accounts = self.search(self._cadence_account_domain())
        flagged = accounts.filtered("is_reactive_only")
        if (operator == "in") == (True in value):
            return [("commercial_partner_id", "in", flagged.ids)]
        return [("commercial_partner_id", "not in", flagged.ids)]

    def _search_is_cadence_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        account_ids = self._overdue_cadence_account_ids()
        if (operator == "in") == (True in value):
            return [("commercial_partner_id", "in", account_ids)]
        return [("commercial_partner_id", "not in", account_ids)]

    # ------------------------------------------------------------
    # TOOLING
    # ------------------------------------------------------------

    def _is_reactive_only(self, total, share, today):
        self.ensure_one()
        interval = self.tier_id.contact_interval_days
        if not self.tier_id or interval <= 0:
            return False
        last_touch = self.last_proactive_touch_date
        if not last_touch or last_touch < today - timedelta(days=interval):
            return True
        return bool(total) and share < MIN_PROACTIVE_SHARE

    def _overdue_cadence_account_ids(self, account_ids=None):
        """Return the ids of accounts with an open cadence activity past due."""
        domain = [
            ("res_model", "=", "res.partner"),
            ("account_cadence_key", "!=", False),
            ("account_cadence_key", "not like", "onboarding:%"),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        if account_ids is not None:
            domain.append(("res_id", "in", account_ids))
        activities = self.env["mail.activity"].sudo().search(domain)
        return list(set(activities.mapped("res_id")))

    def _touch_counts(self, account_ids):
        """Return {account id: (touches, proactive touches)} over the last 90 days.

        A touch is a completed activity (a message with an activity type) on the
        account, one of its contacts or one of their opportunities.
        """
        if not account_ids:
            return {}
        self.env.flush_all()
        since = fields.Datetime.now() - timedelta(days=TOUCH_WINDOW_DAYS)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT contact.commercial_partner_id,
                       COUNT(*),
                       COUNT(*) FILTER (WHERE act_type.is_proactive)
                  FROM mail_message msg
                  JOIN mail_activity_type act_type
                    ON act_type.id = msg.mail_activity_type_id
                  LEFT JOIN crm_lead lead
                    ON msg.model = 'crm.lead' AND msg.res_id = lead.id
                  JOIN res_partner contact
                    ON contact.id = CASE WHEN msg.model = 'res.partner'
                                         THEN msg.res_id ELSE lead.partner_id END
                 WHERE msg.model IN ('res.partner', 'crm.lead')
                   AND msg.date >= %(since)s
                   AND contact.commercial_partner_id IN %(ids)s
                 GROUP BY 1
                """,
                since=since,
                ids=tuple(account_ids),
            )
        )
        return {account_id: (total, proactive) for account_id, total, proactive in rows}
