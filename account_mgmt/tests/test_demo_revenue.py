# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "account_mgmt")
class TestDemoRevenue(TransactionCase):
    """The stored revenue equals Invoicing analysis on Odoo's demo data."""

    def test_revenue_matches_invoicing_analysis(self):
        company = self.env.ref("base.main_company")
        env = self.env(context={"allowed_company_ids": company.ids})
        posted = env["account.move"].search_count(
            [
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
            ]
        )
        if not posted:
            self.skipTest("no posted customer invoice: the database has no demo data")
        Partner = env["res.partner"].with_company(company)
        Partner._refresh_account_figures(companies=company)
        date_from, date_to = Partner._revenue_window()

        groups = env["account.invoice.report"]._read_group(
            [
                ("state", "=", "posted"),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("invoice_date", ">=", date_from),
                ("invoice_date", "<=", date_to),
                ("company_id", "=", company.id),
            ],
            ["commercial_partner_id"],
            ["price_subtotal:sum"],
        )
        expected = {
            partner.id: company.currency_id.round(amount)
            for partner, amount in groups
            if amount
        }
        self.assertTrue(expected, "the demo data has revenue in the last 12 months")
        stored = {
            partner.id: partner.revenue_12m
            for partner in Partner.search([("is_customer_account", "=", True)])
            if partner.revenue_12m
        }
        self.assertEqual(stored, expected)
