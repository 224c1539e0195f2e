# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL, float_round

from .account_mgmt_revenue_report import REVENUE_DEPENDS

# Context key holding the as-of date of the retention report (default: today).
DATE_KEY = "account_mgmt_retention_date"

AMOUNT_FIELDS = (
    "prior_revenue",
    "current_revenue",
    "retained_revenue",
    "expansion",
    "contraction",
    "churned_revenue",
    "new_revenue",
)


class AccountMgmtRetentionReport(models.Model):
    """Revenue retention per account and company, as of a date D.

    D comes from the context key ``account_mgmt_retention_date`` (default:
    today). The current window is the 12 months ending on D, the prior window
    the 12 months before it, both whole days with D included. The view has one
    row per account and company with revenue in either window.
    ``_get_retention_kpis`` turns its sums into NRR, GRR and logo churn, and
    docs/kpi-definitions.md defines each figure.

    Extension point for renewal cycles: ``_churned_elsewhere_sql`` returns the
    accounts closed as churned by another source (nothing here). The renewal
    module overrides it to select the ``(partner_id, company_id)`` of cycles
    whose state is churned with a decision date in the current window; such
    an account then counts as churned even if it still has revenue. Renewal
    rate, time to renew and churn reasons belong in a separate SQL view
    (``account.mgmt.renewal.report`` over the renewal table) that reads the
    same context date through ``_retention_windows`` and is grouped by the
    same tier, manager and company columns, so dashboards can put both side
    by side.
    """

    _name = "account.mgmt.retention.report"
    _description = "Account Retention Analysis"
    _auto = False
    _rec_name = "partner_id"
    _order = "company_id, prior_revenue desc, id"
    _depends = REVENUE_DEPENDS

    date_to = fields.Date(string="As Of", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Account", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    tier_id = fields.Many2one("account.mgmt.tier", readonly=True)
    account_manager_id = fields.Many2one("res.users", readonly=True)
    is_cohort = fields.Boolean(
        string="In Cohort",
        readonly=True,
        help="Positive revenue in the prior window.",
    )
    is_churned = fields.Boolean(
        string="Churned",
        readonly=True,
        help="In the cohort with no revenue (zero or less) in the current window.",
    )
    is_new = fields.Boolean(
        string="New Business",
        readonly=True,
        help="Not in the cohort, with positive revenue in the current window.",
    )
    cohort_count = fields.Integer(string="Cohort Accounts", readonly=True)
    churned_count = fields.Integer(string="Churned Accounts", readonly=True)
    new_count = fields.Integer(string="New Accounts", readonly=True)
    prior_revenue = fields.Monetary(
        currency_field="company_currency_id",
        readonly=True,
        help="Revenue of the prior window, for cohort accounts only.",
    )
    current_revenue = fields.Monetary(
        currency_field="company_currency_id",
        readonly=True,
        help="Revenue of the current window, cohort or not.",
    )
    retained_revenue = fields.Monetary(
        currency_field="company_currency_id",
        readonly=True,
        help="Current revenue of cohort accounts still buying: the NRR numerator.",
    )
    expansion = fields.Monetary(currency_field="company_currency_id", readonly=True)
    contraction = fields.Monetary(currency_field="company_currency_id", readonly=True)
    churned_revenue = fields.Monetary(
        currency_field="company_currency_id", readonly=True
    )
    new_revenue = fields.Monetary(
        string="New Business Revenue",
        currency_field="company_currency_id",
        readonly=True,
    )
    prior_revenue_converted = fields.Float(readonly=True)
    current_revenue_converted = fields.Float(readonly=True)
    retained_revenue_converted = fields.Float(readonly=True)
    expansion_converted = fields.Float(readonly=True)
    contraction_converted = fields.Float(readonly=True)
    churned_revenue_converted = fields.Float(readonly=True)
    new_revenue_converted = fields.Float(readonly=True)

    # ------------------------------------------------------------
    # SQL
    # ------------------------------------------------------------

    @property
    def _table_query(self):
        prior_from, prior_to, current_from, current_to = self._retention_windows()
        currency_table = self.env["res.currency"]._get_simple_currency_table(
            self.env.companies
        )
        converted = SQL(", ").join(
            SQL(
                "k.%s * account_currency_table.rate AS %s",
                SQL.identifier(name),
                SQL.identifier(f"{name}_converted"),
            )
            for name in AMOUNT_FIELDS
        )
        return SQL(
            """
            WITH revenue AS (
                SELECT move.commercial_partner_id AS partner_id,
                       move.company_id,
                       SUM(CASE WHEN move.invoice_date <= %(prior_to)s
                                THEN -line.balance ELSE 0 END) AS prior,
                       SUM(CASE WHEN move.invoice_date >= %(current_from)s
                                THEN -line.balance ELSE 0 END) AS current
                  FROM account_move move
                  JOIN account_move_line line
                    ON line.move_id = move.id AND line.display_type = 'product'
                 WHERE %(revenue_filter)s
                   AND move.invoice_date BETWEEN %(prior_from)s AND %(current_to)s
                 GROUP BY 1, 2
            ),
            churned_elsewhere AS (%(churned_elsewhere)s),
            classified AS (
                SELECT revenue.*,
                       revenue.prior > 0 AS is_cohort,
                       revenue.prior > 0 AND (
                           revenue.current <= 0 OR EXISTS (
                               SELECT 1 FROM churned_elsewhere ce
                                WHERE ce.partner_id = revenue.partner_id
                                  AND ce.company_id = revenue.company_id
                           )
                       ) AS is_churned
                  FROM revenue
                 WHERE revenue.prior > 0 OR revenue.current > 0
            ),
            kpi AS (
                SELECT c.partner_id,
                       c.company_id,
                       c.is_cohort,
                       c.is_churned,
                       NOT c.is_cohort AS is_new,
                       CASE WHEN c.is_cohort THEN 1 ELSE 0 END AS cohort_count,
                       CASE WHEN c.is_churned THEN 1 ELSE 0 END AS churned_count,
                       CASE WHEN c.is_cohort THEN 0 ELSE 1 END AS new_count,
                       CASE WHEN c.is_cohort THEN c.prior ELSE 0 END AS prior_revenue,
                       c.current AS current_revenue,
                       CASE WHEN c.is_cohort AND NOT c.is_churned
                            THEN c.current ELSE 0 END AS retained_revenue,
                       CASE WHEN c.is_cohort AND NOT c.is_churned
                            THEN GREATEST(c.current - c.prior, 0)
                            ELSE 0 END AS expansion,
                       CASE WHEN c.is_cohort AND NOT c.is_churned
                            THEN GREATEST(c.prior - c.current, 0)
                            ELSE 0 END AS contraction,
                       CASE WHEN c.is_churned THEN c.prior ELSE 0 END
                           AS churned_revenue,
                       CASE WHEN c.is_cohort THEN 0 ELSE c.current END AS new_revenue
                  FROM classified c
            )
            SELECT ROW_NUMBER() OVER (ORDER BY k.company_id, k.partner_id) AS id,
                   %(current_to)s::date AS date_to,
                   k.*,
                   company.currency_id AS company_currency_id,
                   account.tier_id,
                   account.account_manager_id,
                   %(converted)s
              FROM kpi k
              JOIN res_company company ON company.id = k.company_id
              JOIN res_partner account ON account.id = k.partner_id
              JOIN %(currency_table)s
                ON account_currency_table.company_id = k.company_id
            """,
            prior_from=prior_from,
            prior_to=prior_to,
            current_from=current_from,
            current_to=current_to,
            revenue_filter=self.env[
                "account.mgmt.revenue.report"
            ]._revenue_move_filter_sql(),
            churned_elsewhere=self._churned_elsewhere_sql(current_from, current_to),
            currency_table=currency_table,
            converted=converted,
        )

    @api.model
    def _retention_windows(self):
        """Return (prior from, prior to, current from, current to) as of the date."""
        date_to = fields.Date.to_date(self.env.context.get(DATE_KEY))
        partner_model = self.env["res.partner"]
        current_from, current_to = partner_model._revenue_window(date_to)
        prior_from, prior_to = partner_model._revenue_window(
            current_from - relativedelta(days=1)
        )
        return prior_from, prior_to, current_from, current_to

    @api.model
    def _churned_elsewhere_sql(self, date_from, date_to):
        """Return SQL selecting (partner_id, company_id) churned by another source.

        Override point for renewal cycles closed as churned between
        ``date_from`` and ``date_to``; returns no row here.
        """
        return SQL(
            "SELECT NULL::integer AS partner_id, NULL::integer AS company_id "
            "WHERE FALSE"
        )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _get_retention_kpis(self, domain=None):
        """Return the retention KPIs of the rows matching ``domain``.

        Amounts are in the company's currency when the rows belong to one
        company, otherwise converted to the current company's currency at
        today's rate (the Invoicing analysis rule). Ratios are percentages
        rounded to 2 decimals, ``False`` when the cohort is empty.

        :return: dict with prior_revenue, retained_revenue, expansion,
            contraction, churned_revenue, new_revenue, cohort_count,
            churned_count, new_count, nrr, grr, logo_churn, currency_id
        """
        domain = domain or []
        companies = self._read_group(domain, ["company_id"], [])
        single = len(companies) <= 1
        suffix = "" if single else "_converted"
        aggregates = [f"{name}{suffix}:sum" for name in AMOUNT_FIELDS] + [
            "cohort_count:sum",
            "churned_count:sum",
            "new_count:sum",
        ]
        values = self._read_group(domain, [], aggregates)[0]
        kpis = dict(
            zip(
                [*AMOUNT_FIELDS, "cohort_count", "churned_count", "new_count"],
                values,
                strict=True,
            )
        )
        currency = (
            companies[0][0].currency_id
            if single and companies
            else (self.env.company.currency_id)
        )
        for name in AMOUNT_FIELDS:
            kpis[name] = currency.round(kpis[name] or 0.0)
        for name in ("cohort_count", "churned_count", "new_count"):
            kpis[name] = kpis[name] or 0
        prior = kpis["prior_revenue"]
        kpis["currency_id"] = currency.id
        kpis["nrr"] = kpis["grr"] = kpis["logo_churn"] = False
        if prior:
            kpis["nrr"] = float_round(100 * kpis["retained_revenue"] / prior, 2)
            kpis["grr"] = float_round(
                100 * (prior - kpis["contraction"] - kpis["churned_revenue"]) / prior,
                2,
            )
        if kpis["cohort_count"]:
            kpis["logo_churn"] = float_round(
                100 * kpis["churned_count"] / kpis["cohort_count"], 2
            )
        return kpis
