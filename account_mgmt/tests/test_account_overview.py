# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import AccountMgmtCommon

TODAY = "2026-06-30"


@tagged("post_install", "-at_install", "account_mgmt")
@freeze_time(TODAY)
class TestAccountOverview(AccountMgmtCommon):
    """Smart-button figures of the account form, as of 2026-06-30."""

    def _order(self, partner, price, ordered_on):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.product_a.id,
                            "product_uom_qty": 1,
                            "price_unit": price,
                            "tax_ids": [(5, 0, 0)],
                        },
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = datetime.combine(ordered_on, datetime.min.time())
        return order

    def _due(self, partner, amount, invoice_date, move_type="out_invoice", **values):
        return self._invoice(
            partner,
            amount,
            invoice_date,
            move_type=move_type,
            invoice_payment_term_id=False,
            invoice_date_due=invoice_date,
            **values,
        )

    def _activity_count(self):
        return self.env["mail.activity"].search_count(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", (self.customer | self.customer_contact).ids),
            ]
        )

    def _overview(self, partner):
        partner = partner.with_user(self.account_manager)
        return {
            "sales": partner.sale_amount_12m,
            "invoiced": partner.invoiced_amount_12m,
            "overdue": partner.overdue_amount,
            "pipeline": partner.pipeline_amount,
            "activities": partner.account_activity_count,
            "renewal": partner.open_renewal_id,
        }

    def test_figures_include_contacts_credit_notes(self):
        # Sales: two orders in the window (one by the contact), one before it.
        self._order(self.customer, 1500.0, date(2026, 1, 15))
        self._order(self.customer_contact, 250.5, date(2025, 7, 1))
        self._order(self.customer, 999.0, date(2025, 6, 30))
        # Invoiced 4,000 - 300 in the window; 1,000 of it overdue, net of the
        # open credit note; an invoice due tomorrow is not overdue yet.
        self._due(self.customer, 1000.0, date(2026, 5, 1))
        self._due(self.customer_contact, 300.0, date(2026, 5, 2), "out_refund")
        self._invoice(
            self.customer,
            3000.0,
            date(2026, 6, 30),
            invoice_payment_term_id=False,
            invoice_date_due=date(2026, 7, 1),
        )
        self._due(self.customer, 5000.0, date(2025, 6, 29))
        Lead = self.env["crm.lead"]
        Lead.create(
            {
                "name": "Upsell",
                "type": "opportunity",
                "partner_id": self.customer_contact.id,
                "expected_revenue": 4200.0,
            }
        )
        lost = Lead.create(
            {
                "name": "Lost deal",
                "type": "opportunity",
                "partner_id": self.customer.id,
                "expected_revenue": 9000.0,
            }
        )
        lost.action_set_lost()
        # The first confirmed order already planned the onboarding activities.
        onboarding = self._activity_count()
        for partner in (self.customer, self.customer_contact):
            partner.activity_schedule(
                "mail.mail_activity_data_todo", user_id=self.account_manager.id
            )
        renewal = self.env["account.mgmt.renewal"].create(
            {
                "partner_id": self.customer.id,
                "start_date": "2025-10-01",
                "end_date": "2026-09-30",
                "value": 12000.0,
            }
        )
        expected = {
            "sales": 1750.5,
            "invoiced": 3700.0,
            "overdue": 5700.0,
            "pipeline": 4200.0,
            "activities": onboarding + 2,
            "renewal": renewal,
        }
        self.assertEqual(self._overview(self.customer), expected)
        self.assertEqual(self._overview(self.customer_contact), expected)
        self.assertEqual(self.customer.open_renewal_end_date, date(2026, 9, 30))

    def test_other_company_documents_stay_out(self):
        other = self.setup_other_company(name="Elsewhere Ltd")["company"]
        self._due(self.customer, 800.0, date(2026, 5, 1), company_id=other.id)
        self.assertEqual(
            self._overview(self.customer),
            {
                "sales": 0.0,
                "invoiced": 0.0,
                "overdue": 0.0,
                "pipeline": 0.0,
                "activities": 0,
                "renewal": self.env["account.mgmt.renewal"],
            },
        )

    def test_query_count_constant(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Account {n}", "is_company": True} for n in range(6)]
        )
        for partner in partners:
            self._due(partner, 100.0, date(2026, 5, 1))
        # Warm the caches of access rules and groups first.
        partners[:1].with_user(self.account_manager).mapped("overdue_amount")
        self.env.invalidate_all()
        one = partners[1:2].with_user(self.account_manager)
        with self.assertQueryCount(11):
            one.mapped("overdue_amount")
        self.env.invalidate_all()
        six = partners.with_user(self.account_manager)
        with self.assertQueryCount(11):
            self.assertEqual(six.mapped("overdue_amount"), [100.0] * 6)
