# Stub until the tier policy lands; delete at merge.
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL


class AccountMgmtTier(models.Model):
    _inherit = "account.mgmt.tier"

    contact_interval_days = fields.Integer(default=30)
    review_interval_months = fields.Integer(default=0)
    touchpoint_mode = fields.Selection(
        [("manual", "Manual"), ("automated", "Automated")],
        default="manual",
        required=True,
    )


class ResPartner(models.Model):
    _inherit = "res.partner"

    last_proactive_touch_date = fields.Date(
        compute="_compute_last_proactive_touch_date"
    )
    days_since_proactive_touch = fields.Integer(
        compute="_compute_last_proactive_touch_date"
    )

    @api.depends_context("tz")
    def _compute_last_proactive_touch_date(self):
        last_dates = {}
        commercial_ids = tuple(self.commercial_partner_id.ids)
        if commercial_ids:
            self.env.flush_all()
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT contact.commercial_partner_id, MAX(msg.date)
                      FROM mail_message msg
                      JOIN mail_activity_type act_type
                        ON act_type.id = msg.mail_activity_type_id
                      LEFT JOIN crm_lead lead
                        ON msg.model = 'crm.lead' AND msg.res_id = lead.id
                      JOIN res_partner contact
                        ON contact.id = CASE WHEN msg.model = 'res.partner'
                                             THEN msg.res_id ELSE lead.partner_id END
                     WHERE act_type.is_proactive
                       AND msg.model IN ('res.partner', 'crm.lead')
                       AND contact.commercial_partner_id IN %(ids)s
                     GROUP BY 1
                    """,
                    ids=commercial_ids,
                )
            )
            last_dates = dict(rows)
        today = fields.Date.context_today(self)
        for partner in self:
            last = last_dates.get(partner.commercial_partner_id.id)
            day = fields.Date.context_today(self, last) if last else False
            partner.last_proactive_touch_date = day
            partner.days_since_proactive_touch = (today - day).days if day else 0
