# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"


class ResPartner(models.Model):
    """Account coverage: when the account was last contacted on our initiative."""

    _inherit = "res.partner"

    last_proactive_touch_date = fields.Date(
        string="Last Proactive Touch",
        compute="_compute_last_proactive_touch_date",
        groups=ACCOUNT_GROUP,
        help="Day of the last completed activity of a proactive type on the "
        "account, one of its contacts or one of their opportunities.",
    )
    days_since_proactive_touch = fields.Integer(
        compute="_compute_last_proactive_touch_date",
        groups=ACCOUNT_GROUP,
        help="Days between the last proactive touch and today. It is 0 when the "
        "account was never touched proactively, so check the last touch date.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_last_proactive_touch_date(self):
        last_dates = self._last_proactive_touch_dates()
        today = fields.Date.context_today(self)
        for partner in self:
            last = last_dates.get(partner.commercial_partner_id.id)
            last_day = fields.Date.context_today(self, last) if last else False
            partner.last_proactive_touch_date = last_day
            partner.days_since_proactive_touch = (
                (today - last_day).days if last_day else False
            )

    # ------------------------------------------------------------
    # TOOLING
    # ------------------------------------------------------------

    def _last_proactive_touch_dates(self):
        """Return the time of the last proactive touch per commercial partner id.

        A proactive touch is a message logged when an activity of a type
        flagged proactive was marked done, on the account, one of its
        contacts or one of their opportunities.
        """
        commercial_ids = tuple(self.commercial_partner_id.ids)
        if not commercial_ids:
            return {}
        self.env.flush_all()
        rows = self.env.execute_query(
            SQL(
                """
                SELECT contact.commercial_partner_id, MAX(msg.date)
                  FROM mail_message msg
                  JOIN mail_activity_type activity_type
                    ON activity_type.id = msg.mail_activity_type_id
                   AND activity_type.is_proactive
                  JOIN res_partner contact
                    ON msg.model = 'res.partner' AND msg.res_id = contact.id
                 WHERE contact.commercial_partner_id IN %(ids)s
                 GROUP BY 1
                UNION ALL
                SELECT contact.commercial_partner_id, MAX(msg.date)
                  FROM mail_message msg
                  JOIN mail_activity_type activity_type
                    ON activity_type.id = msg.mail_activity_type_id
                   AND activity_type.is_proactive
                  JOIN crm_lead lead
                    ON msg.model = 'crm.lead' AND msg.res_id = lead.id
                  JOIN res_partner contact ON contact.id = lead.partner_id
                 WHERE contact.commercial_partner_id IN %(ids)s
                 GROUP BY 1
                """,
                ids=commercial_ids,
            )
        )
        last_dates = {}
        for partner_id, last in rows:
            if partner_id not in last_dates or last > last_dates[partner_id]:
                last_dates[partner_id] = last
        return last_dates
