# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, float_round

# Days after the as-of date in which an open cycle counts as an upcoming renewal.
UPCOMING_DAYS = 120


class AccountMgmtRenewalReport(models.Model):
    """Renewal cycles placed in the windows of the retention report.

    One row per renewal cycle. ``period`` places the cycle by its contract
    end against the as-of date D of the retention report (context key
    ``account_mgmt_retention_date``, default today): ended in the current
    12 months, in the prior 12 months, or, for open cycles, ending in the
    next UPCOMING_DAYS days. Renewal rate is renewed over ended cycles of a
    period; time to renew is the average of days between decision and
    contract end over the renewed ones.
    """

    _name = "account.mgmt.renewal.report"
    _description = "Renewal Analysis"
    _auto = False
    _rec_name = "partner_id"
    _order = "end_date, id"
    _depends = {
        "account.mgmt.renewal": [
            "partner_id",
            "company_id",
            "currency_id",
            "user_id",
            "end_date",
            "decision_date",
            "state",
            "value",
            "churn_reason_id",
        ],
        "res.partner": ["tier_id"],
    }

    renewal_id = fields.Many2one(
        "account.mgmt.renewal", string="Renewal Cycle", readonly=True
    )
    partner_id = fields.Many2one("res.partner", string="Account", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    tier_id = fields.Many2one("account.mgmt.tier", readonly=True)
    account_manager_id = fields.Many2one("res.users", readonly=True)
    churn_reason_id = fields.Many2one("account.mgmt.churn.reason", readonly=True)
    state = fields.Selection(
        [("open", "Open"), ("renewed", "Renewed"), ("churned", "Churned")],
        readonly=True,
    )
    period = fields.Selection(
        [
            ("current", "Current 12 Months"),
            ("prior", "Prior 12 Months"),
            ("upcoming", "Next 120 Days"),
        ],
        readonly=True,
        help="Where the contract end falls against the as-of date; upcoming "
        "contains open cycles only.",
    )
    end_date = fields.Date(string="Contract End", readonly=True)
    decision_date = fields.Date(readonly=True)
    value = fields.Monetary(
        currency_field="currency_id",
        readonly=True,
        help="Contract value of the cycle, in its own currency.",
    )
    ended_count = fields.Integer(string="Cycles Ended", readonly=True)
    renewed_count = fields.Integer(string="Cycles Renewed", readonly=True)
    churned_count = fields.Integer(string="Cycles Churned", readonly=True)
    days_to_renew = fields.Float(
        string="Time to Renew (Days)",
        digits=(16, 1),
        aggregator="avg",
        readonly=True,
        help="Days between the decision and the contract end of renewed "
        "cycles; empty for the others, so the average skips them.",
    )

    # ------------------------------------------------------------
    # SQL
    # ------------------------------------------------------------

    @property
    def _table_query(self):
        prior_from, prior_to, current_from, current_to = self.env[
            "account.mgmt.retention.report"
        ]._retention_windows()
        return SQL(
            """
            SELECT cycle.id,
                   cycle.id AS renewal_id,
                   cycle.partner_id,
                   cycle.company_id,
                   cycle.currency_id,
                   account.tier_id,
                   cycle.user_id AS account_manager_id,
                   cycle.churn_reason_id,
                   cycle.state,
                   CASE
                       WHEN cycle.end_date BETWEEN %(current_from)s AND %(current_to)s
                       THEN 'current'
                       WHEN cycle.end_date BETWEEN %(prior_from)s AND %(prior_to)s
                       THEN 'prior'
                       WHEN cycle.state = 'open'
                        AND cycle.end_date > %(current_to)s
                        AND cycle.end_date <= %(upcoming_to)s
                       THEN 'upcoming'
                   END AS period,
                   cycle.end_date,
                   cycle.decision_date,
                   cycle.value,
                   CASE WHEN cycle.end_date <= %(current_to)s THEN 1 ELSE 0 END
                       AS ended_count,
                   CASE WHEN cycle.end_date <= %(current_to)s
                         AND cycle.state = 'renewed' THEN 1 ELSE 0 END
                       AS renewed_count,
                   CASE WHEN cycle.end_date <= %(current_to)s
                         AND cycle.state = 'churned' THEN 1 ELSE 0 END
                       AS churned_count,
                   CASE WHEN cycle.end_date <= %(current_to)s
                         AND cycle.state = 'renewed'
                         AND cycle.decision_date IS NOT NULL
                        THEN cycle.end_date - cycle.decision_date END
                       AS days_to_renew
              FROM account_mgmt_renewal cycle
              JOIN res_partner account ON account.id = cycle.partner_id
            """,
            prior_from=prior_from,
            prior_to=prior_to,
            current_from=current_from,
            current_to=current_to,
            upcoming_to=current_to + timedelta(days=UPCOMING_DAYS),
        )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _get_renewal_kpis(self, domain=None):
        """Return renewal rate and time to renew of the cycles matching ``domain``.

        Add ``('period', '=', 'current')`` or ``'prior'`` to the domain to
        get the figures of one period.

        :return: dict with ended_count, renewed_count, churned_count,
            renewal_rate (percentage rounded to 2 decimals, ``False`` when
            no cycle ended) and days_to_renew (average rounded to 1 decimal,
            ``False`` when none was renewed)
        """
        ended, renewed, churned, days = self._read_group(
            domain or [],
            [],
            [
                "ended_count:sum",
                "renewed_count:sum",
                "churned_count:sum",
                "days_to_renew:avg",
            ],
        )[0]
        return {
            "ended_count": ended or 0,
            "renewed_count": renewed or 0,
            "churned_count": churned or 0,
            "renewal_rate": float_round(100 * renewed / ended, 2) if ended else False,
            "days_to_renew": float_round(days, 1) if days is not None else False,
        }
