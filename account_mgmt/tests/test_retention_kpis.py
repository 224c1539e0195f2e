# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AccountMgmtCommon

AS_OF = date(2025, 12, 31)


@tagged("post_install", "-at_install", "account_mgmt")
class TestRetentionKpis(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.account_a, cls.account_b, cls.account_c, cls.account_d = Partner.create(
            [{"name": name, "is_company": True} for name in ("A", "B", "C", "D")]
        )

    def _kpis(self, as_of=AS_OF, domain=None, company=None):
        company = company or self.env.company
        report = self.env["account.mgmt.retention.report"].with_context(
            account_mgmt_retention_date=as_of
        )
        domain = domain if domain is not None else [("company_id", "=", company.id)]
        return report._get_retention_kpis(domain)

    def _rows(self, as_of=AS_OF):
        report = self.env["account.mgmt.retention.report"].with_context(
            account_mgmt_retention_date=as_of
        )
        return {
            row.partner_id: row
            for row in report.search([("company_id", "=", self.env.company.id)])
        }

    def _book_worked_example(self):
        self._invoice(self.account_a, 1000.0, date(2024, 3, 1))
        self._invoice(self.account_a, 1300.0, date(2025, 3, 1))
        self._invoice(self.account_b, 500.0, date(2024, 5, 1))
        self._invoice(self.account_b, 400.0, date(2025, 5, 1))
        self._invoice(self.account_c, 200.0, date(2024, 7, 1))
        self._invoice(self.account_d, 700.0, date(2025, 7, 1))

    def test_worked_example_from_the_issue(self):
        self._book_worked_example()
        kpis = self._kpis()
        self.assertEqual(kpis["nrr"], 100.00)
        self.assertEqual(kpis["grr"], 82.35)
        self.assertEqual(kpis["expansion"], 300.0)
        self.assertEqual(kpis["contraction"], 100.0)
        self.assertEqual(kpis["churned_revenue"], 200.0)
        self.assertEqual(kpis["logo_churn"], 33.33)
        self.assertEqual(kpis["prior_revenue"], 1700.0)
        self.assertEqual(kpis["retained_revenue"], 1700.0)
        self.assertEqual(kpis["cohort_count"], 3)
        self.assertEqual(kpis["churned_count"], 1)
        self.assertEqual(kpis["currency_id"], self.env.company.currency_id.id)

    def test_new_business_stays_out_of_cohort(self):
        self._book_worked_example()
        rows = self._rows()
        self.assertFalse(rows[self.account_d].is_cohort)
        self.assertTrue(rows[self.account_d].is_new)
        self.assertEqual(rows[self.account_d].new_revenue, 700.0)
        self.assertEqual(rows[self.account_d].prior_revenue, 0.0)
        self.assertTrue(rows[self.account_c].is_churned)
        self.assertEqual(rows[self.account_c].date_to, AS_OF)
        kpis = self._kpis()
        self.assertEqual(kpis["new_count"], 1)
        self.assertEqual(kpis["new_revenue"], 700.0)

    def test_windows_cut_at_the_as_of_day(self):
        # As of 2025-06-15: prior window 2023-06-16..2024-06-15, current
        # 2024-06-16..2025-06-15, both ends included.
        self._invoice(self.account_a, 999.0, date(2023, 6, 15))
        self._invoice(self.account_a, 100.0, date(2023, 6, 16))
        self._invoice(self.account_a, 50.0, date(2024, 6, 15))
        self._invoice(self.account_a, 30.0, date(2024, 6, 16))
        self._invoice(self.account_a, 45.0, date(2025, 6, 15))
        self._invoice(self.account_a, 888.0, date(2025, 6, 16))
        kpis = self._kpis(as_of=date(2025, 6, 15))
        self.assertEqual(kpis["prior_revenue"], 150.0)
        self.assertEqual(kpis["retained_revenue"], 75.0)
        self.assertEqual(kpis["contraction"], 75.0)
        self.assertEqual(kpis["nrr"], 50.0)
        self.assertEqual(kpis["grr"], 50.0)

    def test_leap_day_windows_are_contiguous(self):
        # As of 2024-02-29: current 2023-03-01..2024-02-29, prior
        # 2022-03-01..2023-02-28.
        self._invoice(self.account_a, 10.0, date(2022, 2, 28))
        self._invoice(self.account_a, 20.0, date(2022, 3, 1))
        self._invoice(self.account_a, 40.0, date(2023, 2, 28))
        self._invoice(self.account_a, 80.0, date(2023, 3, 1))
        kpis = self._kpis(as_of=date(2024, 2, 29))
        self.assertEqual(kpis["prior_revenue"], 60.0)
        self.assertEqual(kpis["expansion"], 20.0)
        self.assertEqual(kpis["nrr"], 133.33)

    def test_credit_note_netting_current_to_zero_is_churn(self):
        self._invoice(self.account_a, 500.0, date(2024, 4, 1))
        self._invoice(self.account_a, 300.0, date(2025, 2, 1))
        self._invoice(self.account_a, 300.0, date(2025, 3, 1), move_type="out_refund")
        self._invoice(self.account_b, 200.0, date(2024, 4, 1))
        self._invoice(self.account_b, 250.0, date(2025, 2, 1))
        self._invoice(self.account_b, 100.0, date(2025, 3, 1), move_type="out_refund")
        kpis = self._kpis()
        self.assertEqual(kpis["churned_revenue"], 500.0)
        self.assertEqual(kpis["churned_count"], 1)
        self.assertEqual(kpis["contraction"], 50.0)
        self.assertEqual(kpis["retained_revenue"], 150.0)
        self.assertEqual(kpis["nrr"], 21.43)
        self.assertEqual(kpis["grr"], 21.43)
        self.assertEqual(kpis["logo_churn"], 50.0)

    def test_credit_note_in_prior_window_can_remove_from_cohort(self):
        self._invoice(self.account_a, 100.0, date(2024, 2, 1))
        self._invoice(self.account_a, 100.0, date(2024, 3, 1), move_type="out_refund")
        self._invoice(self.account_a, 400.0, date(2025, 3, 1))
        kpis = self._kpis()
        self.assertEqual(kpis["cohort_count"], 0)
        self.assertEqual(kpis["new_revenue"], 400.0)
        self.assertFalse(kpis["nrr"])

    def test_child_contact_invoices_roll_up_to_the_account(self):
        self._invoice(self.customer_contact, 600.0, date(2024, 6, 1))
        self._invoice(self.customer, 150.25, date(2025, 6, 1))
        self._invoice(self.customer_contact, 300.0, date(2025, 7, 1))
        rows = self._rows()
        self.assertNotIn(self.customer_contact, rows)
        self.assertEqual(rows[self.customer].prior_revenue, 600.0)
        self.assertEqual(rows[self.customer].current_revenue, 450.25)
        self.assertEqual(rows[self.customer].contraction, 149.75)

    def test_foreign_currency_at_each_document_rate(self):
        foreign = self.setup_other_currency(
            "EUR" if self.env.company.currency_id.name != "EUR" else "USD",
            rates=[("2024-01-01", 2.0), ("2025-01-01", 4.0)],
        )
        # 1000 at 2.0 is 500 in 2024; 2000 at 4.0 is 500 in 2025, then a
        # 400 credit note at 4.0 takes 100 off.
        self._invoice(self.account_a, 1000.0, date(2024, 6, 1), currency_id=foreign.id)
        self._invoice(self.account_a, 2000.0, date(2025, 6, 1), currency_id=foreign.id)
        self._invoice(
            self.account_a,
            400.0,
            date(2025, 7, 1),
            move_type="out_refund",
            currency_id=foreign.id,
        )
        kpis = self._kpis()
        self.assertEqual(kpis["prior_revenue"], 500.0)
        self.assertEqual(kpis["retained_revenue"], 400.0)
        self.assertEqual(kpis["nrr"], 80.0)

    def test_kpis_per_company_in_its_currency(self):
        foreign = self.setup_other_currency(
            "EUR" if self.env.company.currency_id.name != "EUR" else "USD",
            rates=[("2020-01-01", 2.0)],
        )
        other = self.setup_other_company(name="Retention Co 2", currency_id=foreign.id)[
            "company"
        ]
        self._invoice(self.account_a, 1000.0, date(2024, 6, 1))
        self._invoice(self.account_a, 1100.0, date(2025, 6, 1))
        self._invoice(
            self.account_a,
            800.0,
            date(2024, 6, 1),
            company_id=other.id,
            currency_id=foreign.id,
        )
        self._invoice(
            self.account_a,
            600.0,
            date(2025, 6, 1),
            company_id=other.id,
            currency_id=foreign.id,
        )
        self.env.user.company_ids |= other
        mine = self._kpis()
        self.assertEqual(mine["prior_revenue"], 1000.0)
        self.assertEqual(mine["expansion"], 100.0)
        self.assertEqual(mine["nrr"], 110.0)
        theirs = self._kpis(company=other)
        self.assertEqual(theirs["prior_revenue"], 800.0)
        self.assertEqual(theirs["contraction"], 200.0)
        self.assertEqual(theirs["nrr"], 75.0)
        self.assertEqual(theirs["currency_id"], foreign.id)
        # Across companies, the other company's amounts convert to the current
        # company's currency at today's rate (2 units per company unit).
        both = self.env.company | other
        total = (
            self.env["account.mgmt.retention.report"]
            .with_context(
                account_mgmt_retention_date=AS_OF, allowed_company_ids=both.ids
            )
            ._get_retention_kpis([("company_id", "in", both.ids)])
        )
        self.assertEqual(total["prior_revenue"], 1400.0)
        self.assertEqual(total["retained_revenue"], 1400.0)
        self.assertEqual(total["expansion"], 100.0)
        self.assertEqual(total["contraction"], 100.0)
        self.assertEqual(total["nrr"], 100.0)
        self.assertEqual(total["currency_id"], self.env.company.currency_id.id)

    def test_archived_account_still_counts(self):
        self._invoice(self.account_c, 200.0, date(2024, 7, 1))
        self._invoice(self.account_c, 50.0, date(2025, 7, 1))
        self.account_c.action_archive()
        kpis = self._kpis()
        self.assertEqual(kpis["cohort_count"], 1)
        self.assertEqual(kpis["contraction"], 150.0)

    def test_empty_books_give_no_ratio(self):
        kpis = self._kpis()
        self.assertEqual(kpis["prior_revenue"], 0.0)
        self.assertEqual(kpis["cohort_count"], 0)
        self.assertFalse(kpis["nrr"])
        self.assertFalse(kpis["grr"])
        self.assertFalse(kpis["logo_churn"])

    def test_kpis_filter_by_tier_and_manager(self):
        self._book_worked_example()
        tier = self.env["account.mgmt.tier"].create({"name": "Key"})
        (self.account_a | self.account_c).write(
            {"tier_id": tier.id, "account_manager_id": self.account_manager.id}
        )
        kpis = self._kpis(
            domain=[
                ("company_id", "=", self.env.company.id),
                ("tier_id", "=", tier.id),
                ("account_manager_id", "=", self.account_manager.id),
            ]
        )
        self.assertEqual(kpis["prior_revenue"], 1200.0)
        self.assertEqual(kpis["churned_revenue"], 200.0)
        self.assertEqual(kpis["expansion"], 300.0)
        self.assertEqual(kpis["logo_churn"], 50.0)

    def test_account_manager_reads_kpis_and_revenue(self):
        self._book_worked_example()
        report = self.env["account.mgmt.retention.report"].with_user(
            self.account_manager
        )
        kpis = report.with_context(
            account_mgmt_retention_date=AS_OF
        )._get_retention_kpis([])
        self.assertEqual(kpis["grr"], 82.35)
        revenue = self.env["account.mgmt.revenue.report"].with_user(
            self.account_manager
        )
        groups = revenue._read_group(
            [("partner_id", "=", self.account_a.id)], ["date:year"], ["amount:sum"]
        )
        self.assertEqual(
            [(year.year, amount) for year, amount in groups],
            [(2024, 1000.0), (2025, 1300.0)],
        )

    def test_plain_user_cannot_read_kpis(self):
        report = self.env["account.mgmt.retention.report"].with_user(self.plain_user)
        with self.assertRaises(AccessError):
            report.search([])
