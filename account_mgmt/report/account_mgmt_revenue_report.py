# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL

# Source columns of the revenue definition, shared by every report built on it.
REVENUE_DEPENDS = {
    "account.move": [
        "state",
        "move_type",
        "invoice_date",
        "commercial_partner_id",
        "company_id",
    ],
    "account.move.line": ["move_id", "display_type", "balance"],
    "res.partner": ["tier_id", "account_manager_id"],
    "res.company": ["currency_id"],
}


class AccountMgmtRevenueReport(models.Model):
    """Account revenue per posted customer invoice or credit note.

    One row per document: its untaxed product lines in the company currency
    at the document's rate (the signed balance), credited to the commercial
    partner and dated by invoice date. Pivot it by month and account to get
    revenue per account, company and month. The same definition feeds the
    stored ``revenue_12m`` and the retention report.
    """

    _name = "account.mgmt.revenue.report"
    _description = "Account Revenue Analysis"
    _auto = False
    _rec_name = "move_id"
    _order = "date desc, id desc"
    _depends = REVENUE_DEPENDS

    move_id = fields.Many2one("account.move", string="Document", readonly=True)
    move_type = fields.Selection(
        [("out_invoice", "Invoice"), ("out_refund", "Credit Note")],
        string="Type",
        readonly=True,
    )
    date = fields.Date(string="Invoice Date", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Account", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    company_currency_id = fields.Many2one("res.currency", readonly=True)
    tier_id = fields.Many2one("account.mgmt.tier", readonly=True)
    account_manager_id = fields.Many2one("res.users", readonly=True)
    amount = fields.Monetary(
        string="Revenue",
        currency_field="company_currency_id",
        readonly=True,
        help="Untaxed amount in the currency of the document's company, at the "
        "document's rate; credit notes count negative.",
    )
    amount_converted = fields.Float(
        string="Revenue (Current Company Currency)",
        readonly=True,
        help="Revenue converted to the currency of the current company at "
        "today's rate, as the Invoicing analysis converts across companies.",
    )

    @property
    def _table_query(self):
        currency_table = self.env["res.currency"]._get_simple_currency_table(
            self.env.companies
        )
        return SQL(
            """
            SELECT move.id AS id,
                   move.id AS move_id,
                   move.move_type,
                   move.invoice_date AS date,
                   move.commercial_partner_id AS partner_id,
                   move.company_id,
                   company.currency_id AS company_currency_id,
                   account.tier_id,
                   account.account_manager_id,
                   SUM(-line.balance) AS amount,
                   SUM(-line.balance) * account_currency_table.rate AS amount_converted
              FROM account_move move
              JOIN account_move_line line
                ON line.move_id = move.id AND line.display_type = 'product'
              JOIN res_company company ON company.id = move.company_id
              JOIN res_partner account ON account.id = move.commercial_partner_id
              JOIN %(currency_table)s
                ON account_currency_table.company_id = move.company_id
             WHERE %(revenue_filter)s
             GROUP BY move.id, company.currency_id, account.tier_id,
                      account.account_manager_id, account_currency_table.rate
            """,
            currency_table=currency_table,
            revenue_filter=self._revenue_move_filter_sql(),
        )

    @api.model
    def _revenue_move_filter_sql(self):
        """Return the condition on ``move`` that makes a document count as revenue."""
        return SQL(
            "move.state = 'posted' AND move.move_type IN ('out_invoice', 'out_refund')"
        )
