# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"


class ResPartner(models.Model):
    """Account figures: invoiced revenue, open pipeline and last contact."""

    _inherit = "res.partner"

    # Stored per company (a jsonb column keyed by company id), refreshed in
    # batch by the nightly cron and the refresh button, never on posting.
    revenue_12m = fields.Float(
        string="Revenue 12 Months",
        company_dependent=True,
        readonly=True,
        groups=ACCOUNT_GROUP,
        help="Untaxed posted customer invoices minus posted credit notes of "
        "this company, in its currency, over the 12 months ending on the "
        "figures date, including the invoices of the account's contacts.",
    )
    account_figures_date = fields.Date(
        string="Figures As Of",
        company_dependent=True,
        readonly=True,
        groups=ACCOUNT_GROUP,
        help="Last day of the 12-month window of the stored revenue.",
    )
    open_opportunity_count = fields.Integer(
        string="Open Opportunities",
        compute="_compute_open_opportunity_count",
        groups=ACCOUNT_GROUP,
    )
    last_activity_date = fields.Date(
        compute="_compute_last_activity_date",
        groups=ACCOUNT_GROUP,
        help="Day of the last completed activity on the account, one of its "
        "contacts or one of their opportunities.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_open_opportunity_count(self):
        counts = defaultdict(int)
        commercial_ids = self.commercial_partner_id.ids
        if commercial_ids:
            groups = self.env["crm.lead"]._read_group(
                [
                    ("type", "=", "opportunity"),
                    ("won_status", "=", "pending"),
                    ("partner_id.commercial_partner_id", "in", commercial_ids),
                ],
                ["partner_id"],
                ["__count"],
            )
            for partner, count in groups:
                counts[partner.commercial_partner_id.id] += count
        for partner in self:
            partner.open_opportunity_count = counts[partner.commercial_partner_id.id]

    def _compute_last_activity_date(self):
        last_dates = {}
        commercial_ids = tuple(self.commercial_partner_id.ids)
        if commercial_ids:
            self.env.flush_all()
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT contact.commercial_partner_id, MAX(msg.date)
                      FROM mail_message msg
                      JOIN res_partner contact
                        ON msg.model = 'res.partner' AND msg.res_id = contact.id
                     WHERE msg.mail_activity_type_id IS NOT NULL
                       AND contact.commercial_partner_id IN %(ids)s
                     GROUP BY 1
                    UNION ALL
                    SELECT contact.commercial_partner_id, MAX(msg.date)
                      FROM mail_message msg
                      JOIN crm_lead lead
                        ON msg.model = 'crm.lead' AND msg.res_id = lead.id
                      JOIN res_partner contact ON contact.id = lead.partner_id
                     WHERE msg.mail_activity_type_id IS NOT NULL
                       AND contact.commercial_partner_id IN %(ids)s
                     GROUP BY 1
                    """,
                    ids=commercial_ids,
                )
            )
            for partner_id, last in rows:
                if partner_id not in last_dates or last > last_dates[partner_id]:
                    last_dates[partner_id] = last
        for partner in self:
            last = last_dates.get(partner.commercial_partner_id.id)
            partner.last_activity_date = (
                fields.Date.context_today(self, last) if last else False
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_refresh_account_figures(self):
        """Refresh the stored figures of the selected accounts, or of all accounts."""
        accounts = self.commercial_partner_id
        self.env["res.partner"]._refresh_account_figures(
            companies=self.env.companies, partners=accounts or None
        )
        return True

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_refresh_account_figures(self):
        companies = self.env["res.company"].sudo().search([])
        _logger.info("Account figures refresh started for %s companies", len(companies))
        count = self._refresh_account_figures(companies=companies)
        _logger.info("Account figures refresh done: %s accounts updated", count)

    # ------------------------------------------------------------
    # TOOLING
    # ------------------------------------------------------------

    @api.model
    def _revenue_window(self, date_to=None):
        """Return the first and last day of the 12 months ending on ``date_to``, both included."""
        date_to = date_to or fields.Date.context_today(self)
        return date_to - relativedelta(years=1) + relativedelta(days=1), date_to

    @api.model
    def _refresh_account_figures(self, companies=None, partners=None, date_to=None):
        """Store the trailing-12-month revenue of accounts, per company, in one query.

        Revenue sums the untaxed product lines of posted customer invoices and
        credit notes (the signed balance, so in company currency at each
        document's rate), grouped by the invoice's commercial partner and
        dated by invoice date. An account whose revenue dropped to nothing
        gets 0, not a stale figure.

        :param companies: companies to refresh (default: all companies)
        :param partners: accounts to refresh (default: every account with
            revenue now or a stored figure from an earlier refresh)
        :param date_to: last day of the window (default: today)
        :return: number of accounts updated
        """
        companies = companies or self.env["res.company"].sudo().search([])
        date_from, date_to = self._revenue_window(date_to)
        restrict = SQL("AND p.id IN %s", tuple(partners.ids)) if partners else SQL()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH revenue AS (
                    SELECT move.commercial_partner_id AS partner_id,
                           line.company_id,
                           SUM(-line.balance) AS amount
                      FROM account_move_line line
                      JOIN account_move move ON move.id = line.move_id
                     WHERE move.state = 'posted'
                       AND move.move_type IN ('out_invoice', 'out_refund')
                       AND line.display_type = 'product'
                       AND move.invoice_date BETWEEN %(date_from)s AND %(date_to)s
                       AND line.company_id IN %(company_ids)s
                     GROUP BY 1, 2
                ),
                scope AS (
                    SELECT p.id
                      FROM res_partner p
                     WHERE (p.revenue_12m IS NOT NULL
                            OR p.id IN (SELECT partner_id FROM revenue))
                           %(restrict)s
                ),
                figures AS (
                    SELECT scope.id,
                           jsonb_object_agg(company.id::text, COALESCE(revenue.amount, 0))
                               AS amounts,
                           jsonb_object_agg(company.id::text, %(date_to)s::date) AS dates
                      FROM scope
                     CROSS JOIN unnest(%(company_list)s) AS company(id)
                      LEFT JOIN revenue
                        ON revenue.partner_id = scope.id AND revenue.company_id = company.id
                     GROUP BY scope.id
                )
                UPDATE res_partner p
                   SET revenue_12m = COALESCE(p.revenue_12m, '{}'::jsonb) || figures.amounts,
                       account_figures_date =
                           COALESCE(p.account_figures_date, '{}'::jsonb) || figures.dates
                  FROM figures
                 WHERE p.id = figures.id
                """,
                date_from=date_from,
                date_to=date_to,
                company_ids=tuple(companies.ids),
                company_list=list(companies.ids),
                restrict=restrict,
            )
        )
        count = self.env.cr.rowcount
        self.env["res.partner"].invalidate_model(["revenue_12m", "account_figures_date"])
        return count
