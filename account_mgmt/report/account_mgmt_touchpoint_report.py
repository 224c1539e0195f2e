# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models, tools
from odoo.tools import SQL

# Months shown by the report, the current one included.
REPORT_MONTHS = 36


class AccountMgmtTouchpointReport(models.Model):
    """Proactive touchpoints per account and month, against the tier policy.

    One row per account and calendar month (UTC) of the last REPORT_MONTHS
    months: ``touch_count`` counts the completed activities of proactive types
    on the account, its contacts or their opportunities, and
    ``required_count`` is the days of the month divided by the contact
    interval of the account's tier. Summing both over a period, per tier or
    per manager, shows whether effort follows the tiers.

    NOTE: tier and manager are the account's current ones, not those of the
    month, and the current month requires a full month of touchpoints.
    """

    _name = "account.mgmt.touchpoint.report"
    _description = "Proactive Touchpoints Against Tier Policy"
    _auto = False
    _order = "date desc, partner_id"
    _rec_name = "partner_id"
    # Flushed before the view is read, so that pending writes show up.
    _depends = {
        "mail.message": ["date", "model", "res_id", "mail_activity_type_id"],
        "mail.activity.type": ["is_proactive"],
        "res.partner": [
            "active",
            "account_manager_id",
            "commercial_partner_id",
            "company_id",
            "tier_id",
        ],
        "crm.lead": ["partner_id"],
        "account.mgmt.tier": ["contact_interval_days"],
    }

    date = fields.Date(string="Month", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Account", readonly=True)
    tier_id = fields.Many2one("account.mgmt.tier", readonly=True)
    manager_id = fields.Many2one("res.users", string="Account Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    touch_count = fields.Integer(string="Touchpoints Done", readonly=True)
    required_count = fields.Float(
        string="Touchpoints Required",
        readonly=True,
        digits=(16, 2),
        help="Days of the month divided by the contact interval of the tier.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %(table)s AS (%(query)s)",
                table=SQL.identifier(self._table),
                query=self._report_query(),
            )
        )

    def _report_query(self):
        return SQL(
            """
            WITH month AS (
                SELECT series::date AS start
                  FROM generate_series(
                           date_trunc('month', now() at time zone 'UTC')
                               - %(months)s * interval '1 month',
                           date_trunc('month', now() at time zone 'UTC'),
                           interval '1 month'
                       ) AS series
            ),
            touch AS (
                SELECT contact.commercial_partner_id AS account_id,
                       date_trunc('month', msg.date)::date AS start
                  FROM mail_message msg
                  JOIN mail_activity_type activity_type
                    ON activity_type.id = msg.mail_activity_type_id
                   AND activity_type.is_proactive
                  JOIN res_partner contact
                    ON msg.model = 'res.partner' AND msg.res_id = contact.id
                 UNION ALL
                SELECT contact.commercial_partner_id,
                       date_trunc('month', msg.date)::date
                  FROM mail_message msg
                  JOIN mail_activity_type activity_type
                    ON activity_type.id = msg.mail_activity_type_id
                   AND activity_type.is_proactive
                  JOIN crm_lead lead
                    ON msg.model = 'crm.lead' AND msg.res_id = lead.id
                  JOIN res_partner contact ON contact.id = lead.partner_id
            ),
            touch_per_month AS (
                SELECT touch.account_id, touch.start, COUNT(*) AS touch_count
                  FROM touch
                  JOIN month ON month.start = touch.start
                 GROUP BY 1, 2
            ),
            grid AS (
                SELECT account.id AS account_id, month.start
                  FROM res_partner account
                 CROSS JOIN month
                 WHERE account.tier_id IS NOT NULL
                   AND account.active
                   AND account.id = account.commercial_partner_id
                 UNION
                SELECT account_id, start FROM touch_per_month
            )
            SELECT ROW_NUMBER() OVER (ORDER BY grid.account_id, grid.start) AS id,
                   grid.start AS date,
                   grid.account_id AS partner_id,
                   account.tier_id,
                   account.account_manager_id AS manager_id,
                   account.company_id,
                   COALESCE(touch_per_month.touch_count, 0) AS touch_count,
                   COALESCE(
                       EXTRACT(
                           DAY FROM grid.start + interval '1 month' - interval '1 day'
                       ) / tier.contact_interval_days,
                       0
                   ) AS required_count
              FROM grid
              JOIN res_partner account ON account.id = grid.account_id
              LEFT JOIN account_mgmt_tier tier ON tier.id = account.tier_id
              LEFT JOIN touch_per_month
                ON touch_per_month.account_id = grid.account_id
               AND touch_per_month.start = grid.start
            """,
            months=REPORT_MONTHS - 1,
        )
