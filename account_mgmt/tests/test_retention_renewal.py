# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import AccountMgmtCommon

AS_OF = date(2025, 12, 31)


@tagged("post_install", "-at_install", "account_mgmt")
class TestRetentionRenewal(AccountMgmtCommon):
    """Renewal cycles closed as churned feed the retention report."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account_a, cls.account_b, cls.account_c, cls.account_d = cls.env[
            "res.partner"
        ].create([{"name": name, "is_company": True} for name in "ABCD"])
        cls.price = cls.env.ref("account_mgmt.churn_reason_price")

    def _book_worked_example(self):
        """The worked example of docs/kpi-definitions.md, as of 2025-12-31."""
        self._invoice(self.account_a, 1000.0, date(2024, 3, 1))
        self._invoice(self.account_a, 1300.0, date(2025, 3, 1))
        self._invoice(self.account_b, 500.0, date(2024, 5, 1))
        self._invoice(self.account_b, 400.0, date(2025, 5, 1))
        self._invoice(self.account_c, 200.0, date(2024, 7, 1))
        self._invoice(self.account_d, 700.0, date(2025, 7, 1))

    def _cycle(self, account, state, decision_date, **values):
        return self.env["account.mgmt.renewal"].create(
            {
                "partner_id": account.id,
                "start_date": date(2024, 10, 1),
                "end_date": date(2025, 9, 30),
                "value": 500.0,
                "state": state,
                "decision_date": decision_date,
                "churn_reason_id": self.price.id if state == "churned" else False,
                **values,
            }
        )

    def _manager_kpis(self):
        report = (
            self.env["account.mgmt.retention.report"]
            .with_user(self.account_manager)
            .with_context(account_mgmt_retention_date=AS_OF)
        )
        return report._get_retention_kpis([("company_id", "=", self.env.company.id)])

    def test_churned_cycle_in_window_churns_account_with_revenue(self):
        self._book_worked_example()
        self._cycle(self.account_b, "churned", date(2025, 9, 15))
        kpis = self._manager_kpis()
        # B still billed 400 this window, but its cycle churned on 2025-09-15:
        # its prior 500 is churned revenue and its 400 is not retained.
        self.assertEqual(kpis["churned_count"], 2)
        self.assertEqual(kpis["cohort_count"], 3)
        self.assertEqual(kpis["churned_revenue"], 700.0)
        self.assertEqual(kpis["contraction"], 0.0)
        self.assertEqual(kpis["expansion"], 300.0)
        self.assertEqual(kpis["retained_revenue"], 1300.0)
        self.assertEqual(kpis["nrr"], 76.47)
        self.assertEqual(kpis["grr"], 58.82)
        self.assertEqual(kpis["logo_churn"], 66.67)
        row = (
            self.env["account.mgmt.retention.report"]
            .with_context(account_mgmt_retention_date=AS_OF)
            .search([("partner_id", "=", self.account_b.id)])
        )
        self.assertTrue(row.is_churned)
        self.assertEqual(row.current_revenue, 400.0)
        self.assertEqual(row.churned_revenue, 500.0)

    def test_window_edges_of_the_churn_decision(self):
        self._book_worked_example()
        # As of 2025-12-31 the current window is 2025-01-01..2025-12-31.
        self._cycle(self.account_a, "churned", date(2024, 12, 31))
        self._cycle(self.account_b, "churned", date(2025, 1, 1))
        kpis = self._manager_kpis()
        self.assertEqual(kpis["churned_count"], 2)
        self.assertEqual(kpis["churned_revenue"], 700.0)
        self.assertEqual(kpis["expansion"], 300.0)
        # As of 2026-01-01 B's decision has left the current window.
        later = (
            self.env["account.mgmt.retention.report"]
            .with_context(account_mgmt_retention_date=date(2026, 1, 1))
            .search([("partner_id", "in", (self.account_a + self.account_b).ids)])
        )
        self.assertFalse(any(later.mapped("is_churned")))

    def test_renewed_and_open_cycles_change_nothing(self):
        self._book_worked_example()
        self._cycle(self.account_a, "renewed", date(2025, 9, 1))
        self._cycle(self.account_b, "open", False)
        kpis = self._manager_kpis()
        self.assertEqual(kpis["churned_count"], 1)
        self.assertEqual(kpis["grr"], 82.35)
        self.assertEqual(kpis["nrr"], 100.0)

    def test_churn_in_another_company_stays_there(self):
        self._book_worked_example()
        other = self.setup_other_company(name="Renewals Elsewhere")["company"]
        self._cycle(
            self.account_b,
            "churned",
            date(2025, 9, 15),
            company_id=other.id,
            currency_id=other.currency_id.id,
        )
        kpis = self._manager_kpis()
        self.assertEqual(kpis["churned_count"], 1)
        self.assertEqual(kpis["grr"], 82.35)

    def test_churned_cycle_without_revenue_counts_once(self):
        self._book_worked_example()
        self._cycle(self.account_c, "churned", date(2025, 3, 1))
        kpis = self._manager_kpis()
        self.assertEqual(kpis["churned_count"], 1)
        self.assertEqual(kpis["churned_revenue"], 200.0)
