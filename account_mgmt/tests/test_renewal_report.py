# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AccountMgmtCommon

AS_OF = {"account_mgmt_retention_date": "2026-06-30"}


@tagged("post_install", "-at_install", "account_mgmt")
class TestRenewalReport(AccountMgmtCommon):
    """Renewal rate, time to renew and churn reasons per period of the report.

    As of 2026-06-30 the current period runs from 2025-07-01 and the prior
    one from 2024-07-01 to 2025-06-30; upcoming cycles end by 2026-10-28.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.price = cls.env.ref("account_mgmt.churn_reason_price")
        partners = cls.env["res.partner"].create(
            [{"name": name, "is_company": True} for name in ("Beta", "Gamma", "Delta")]
        )
        cls.beta, cls.gamma, cls.delta = partners
        (cls.customer | partners).account_manager_id = cls.account_manager
        cls.cycles = cls.env["account.mgmt.renewal"].create(
            [
                # Prior period: renewed 20 days before the end.
                cls._cycle(
                    cls.customer, "2024-04-01", "2025-03-31", "renewed", "2025-03-11"
                ),
                # Current period: renewed 30 days early, renewed 10 days late,
                # churned, and still open after its end.
                cls._cycle(
                    cls.customer, "2025-04-01", "2026-03-31", "renewed", "2026-03-01"
                ),
                cls._cycle(
                    cls.delta, "2025-01-01", "2025-12-31", "renewed", "2026-01-10"
                ),
                cls._cycle(
                    cls.beta,
                    "2025-06-01",
                    "2026-05-31",
                    "churned",
                    "2026-05-20",
                    churn_reason_id=cls.price.id,
                ),
                cls._cycle(cls.gamma, "2025-06-16", "2026-06-15", "open"),
                # Upcoming within 120 days, then too far ahead to count.
                cls._cycle(cls.customer, "2025-10-01", "2026-09-30", "open"),
                cls._cycle(cls.delta, "2026-01-01", "2026-12-31", "open"),
            ]
        )

    @classmethod
    def _cycle(cls, partner, start, end, state, decision=None, **values):
        return {
            "partner_id": partner.id,
            "start_date": start,
            "end_date": end,
            "state": state,
            "decision_date": decision,
            "value": 1000.0,
            **values,
        }

    def _report(self, user=None):
        report = self.env["account.mgmt.renewal.report"].with_context(**AS_OF)
        return report.with_user(user) if user else report

    def test_rate_and_time_per_period(self):
        report = self._report(self.account_manager)
        self.assertEqual(
            report._get_renewal_kpis([("period", "=", "current")]),
            {
                "ended_count": 4,
                "renewed_count": 2,
                "churned_count": 1,
                "renewal_rate": 50.0,
                "days_to_renew": 10.0,
            },
        )
        self.assertEqual(
            report._get_renewal_kpis([("period", "=", "prior")]),
            {
                "ended_count": 1,
                "renewed_count": 1,
                "churned_count": 0,
                "renewal_rate": 100.0,
                "days_to_renew": 20.0,
            },
        )

    def test_upcoming_lists_open_cycles_only(self):
        upcoming = self._report().search([("period", "=", "upcoming")])
        self.assertEqual(upcoming.partner_id, self.customer)
        self.assertEqual(upcoming.end_date, date(2026, 9, 30))
        self.assertEqual(upcoming.value, 1000.0)

    def test_churn_reasons_current_period(self):
        groups = self._report()._read_group(
            [("period", "=", "current"), ("churned_count", ">", 0)],
            ["churn_reason_id"],
            ["churned_count:sum"],
        )
        self.assertEqual(groups, [(self.price, 1)])

    def test_empty_book_gives_no_rate(self):
        kpis = self._report()._get_renewal_kpis([("partner_id", "=", False)])
        self.assertEqual(
            kpis,
            {
                "ended_count": 0,
                "renewed_count": 0,
                "churned_count": 0,
                "renewal_rate": False,
                "days_to_renew": False,
            },
        )

    def test_other_company_cycles_stay_out(self):
        other = self.setup_other_company(name="Elsewhere Ltd")["company"]
        self.env["account.mgmt.renewal"].create(
            {
                **self._cycle(
                    self.gamma, "2025-03-01", "2026-02-28", "renewed", "2026-02-20"
                ),
                "company_id": other.id,
                "currency_id": other.currency_id.id,
            }
        )
        kpis = self._report(self.account_manager)._get_renewal_kpis(
            [("period", "=", "current")]
        )
        self.assertEqual(kpis["ended_count"], 4)
        self.assertEqual(kpis["renewal_rate"], 50.0)

    def test_user_without_group_rejected(self):
        with self.assertRaises(AccessError):
            self._report(self.plain_user).search([])
