# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import fields
from odoo.tests import tagged

from .common import AccountMgmtCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestAccountRevenue(AccountMgmtCommon):
    def test_credit_note_reduces_revenue(self):
        self._invoice(self.customer, 1000.0, date(2026, 3, 10))
        self._invoice(self.customer, 250.0, date(2026, 4, 2), move_type="out_refund")
        self.assertEqual(self._revenue(self.customer), 750.0)

    def test_child_contact_invoice_rolls_up(self):
        self._invoice(self.customer, 1000.0, date(2026, 3, 10))
        self._invoice(self.customer_contact, 300.25, date(2026, 5, 1))
        self.assertEqual(self._revenue(self.customer), 1300.25)
        self.assertEqual(self.customer_contact.revenue_12m, 0.0)

    def test_foreign_currency_at_document_rate(self):
        foreign = self.setup_other_currency(
            "EUR" if self.env.company.currency_id.name != "EUR" else "USD",
            rates=[("2026-01-01", 2.0), ("2026-06-01", 4.0)],
        )
        # 1000 at 2.0 per company unit is 500, a 400 credit note at 4.0 is 100.
        self._invoice(self.customer, 1000.0, date(2026, 3, 15), currency_id=foreign.id)
        self._invoice(
            self.customer,
            400.0,
            date(2026, 6, 10),
            move_type="out_refund",
            currency_id=foreign.id,
        )
        self.assertEqual(self._revenue(self.customer), 400.0)

    def test_draft_and_cancelled_invoices_excluded(self):
        self._invoice(self.customer, 100.0, date(2026, 2, 1))
        self._invoice(self.customer, 999.0, date(2026, 2, 1), post=False)
        cancelled = self._invoice(self.customer, 777.0, date(2026, 2, 1))
        cancelled.button_draft()
        cancelled.button_cancel()
        self.assertEqual(cancelled.state, "cancel")
        self.assertEqual(self._revenue(self.customer), 100.0)

    def test_window_includes_both_ends(self):
        self._invoice(self.customer, 20.0, date(2025, 6, 30))
        self._invoice(self.customer, 10.0, date(2025, 7, 1))
        self._invoice(self.customer, 40.0, date(2026, 6, 30))
        self._invoice(self.customer, 80.0, date(2026, 7, 1))
        self.assertEqual(self._revenue(self.customer), 50.0)
        self.assertEqual(self.customer.account_figures_date, self.DATE_TO)

    def test_taxes_are_not_revenue(self):
        tax = self.percent_tax(15.0)
        invoice = self._invoice(self.customer, 1000.0, date(2026, 1, 20), tax_ids=tax)
        self.assertEqual(invoice.amount_total, 1150.0)
        self.assertEqual(self._revenue(self.customer), 1000.0)

    def test_lost_revenue_resets_to_zero(self):
        self._invoice(self.customer, 600.0, date(2026, 1, 20))
        self.assertEqual(self._revenue(self.customer), 600.0)
        self.env["res.partner"]._refresh_account_figures(date_to=date(2027, 6, 30))
        self.assertEqual(self.customer.revenue_12m, 0.0)
        self.assertEqual(self.customer.account_figures_date, date(2027, 6, 30))

    def test_revenue_kept_per_company(self):
        other = self.setup_other_company(name="Second Company")["company"]
        self._invoice(self.customer, 1000.0, date(2026, 3, 1))
        self._invoice(self.customer, 700.0, date(2026, 3, 1), company_id=other.id)
        self.assertEqual(self._revenue(self.customer), 1000.0)
        self.assertEqual(self.customer.with_company(other).revenue_12m, 700.0)

    def test_posting_leaves_stored_revenue_alone(self):
        self._invoice(self.customer, 100.0, date(2026, 1, 5))
        self.assertEqual(self._revenue(self.customer), 100.0)
        self._invoice(self.customer, 50.0, date(2026, 1, 6))
        self.assertEqual(self.customer.revenue_12m, 100.0)
        self.assertEqual(self._revenue(self.customer), 150.0)

    def test_refresh_button_limits_to_selection(self):
        other_customer = self.env["res.partner"].create(
            {"name": "Globex", "is_company": True}
        )
        self._invoice(self.customer, 100.0, date.today())
        self._invoice(other_customer, 200.0, date.today())
        self.customer_contact.action_refresh_account_figures()
        self.assertEqual(self.customer.revenue_12m, 100.0)
        self.assertEqual(other_customer.revenue_12m, 0.0)


@tagged("post_install", "-at_install", "account_mgmt")
class TestAccountActivity(AccountMgmtCommon):
    def test_open_opportunity_count(self):
        Lead = self.env["crm.lead"]
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        Lead.create(
            {
                "name": "Open on company",
                "type": "opportunity",
                "partner_id": self.customer.id,
            }
        )
        Lead.create(
            {
                "name": "Open on contact",
                "type": "opportunity",
                "partner_id": self.customer_contact.id,
            }
        )
        Lead.create(
            {"name": "Still a lead", "type": "lead", "partner_id": self.customer.id}
        )
        Lead.create(
            {
                "name": "Won",
                "type": "opportunity",
                "partner_id": self.customer.id,
                "stage_id": won_stage.id,
            }
        )
        lost = Lead.create(
            {"name": "Lost", "type": "opportunity", "partner_id": self.customer.id}
        )
        lost.action_set_lost()
        self.assertEqual(self.customer.open_opportunity_count, 2)
        self.assertEqual(self.customer_contact.open_opportunity_count, 2)

    def test_last_activity_date_from_contact(self):
        self.assertFalse(self.customer.last_activity_date)
        call = self.env.ref("mail.mail_activity_data_call")
        activity = self.customer_contact.activity_schedule(
            activity_type_id=call.id, user_id=self.env.uid
        )
        activity.action_feedback(feedback="Discussed the renewal")
        self.customer.invalidate_recordset(["last_activity_date"])
        self.assertEqual(
            self.customer.last_activity_date, fields.Date.context_today(self.customer)
        )
