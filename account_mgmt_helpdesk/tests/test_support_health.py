# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import HelpdeskAccountCommon

DAY = date(2026, 6, 30)
# As of DAY: last 90 days 2026-04-02..2026-06-30, usual volume from the 365
# days before (2025-04-02..2026-04-01) scaled to 90 days, resolution over
# tickets closed since 2025-07-01.


@tagged("post_install", "-at_install", "account_mgmt")
class TestSupportHealth(HelpdeskAccountCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        names = ("Quiet", "Busy", "Newcomer", "Steady", "Never")
        cls.accounts = dict(
            zip(
                names,
                cls.env["res.partner"].create(
                    [{"name": name, "is_company": True} for name in names]
                ),
                strict=True,
            )
        )

    def _book_cases(self):
        quiet, busy, newcomer, steady = (
            self.accounts[name] for name in ("Quiet", "Busy", "Newcomer", "Steady")
        )
        # Quiet: one ticket closed in 2024, nothing since.
        self._dated_ticket(quiet, datetime(2024, 1, 1, 9), datetime(2024, 1, 2, 9))
        # Busy: 3 open tickets (one very high) this quarter against a usual
        # 4 per year, closed in 2, 4, 6 and 8 days.
        self._dated_ticket(busy, datetime(2026, 6, 1, 9))
        self._dated_ticket(busy, datetime(2026, 6, 10, 9))
        self._dated_ticket(busy, datetime(2026, 5, 1, 9), priority="3")
        for month, days in ((10, 2), (11, 4), (12, 6)):
            self._dated_ticket(
                busy, datetime(2025, month, 1, 9), datetime(2025, month, 1 + days, 9)
            )
        self._dated_ticket(busy, datetime(2026, 1, 5, 9), datetime(2026, 1, 13, 9))
        # Newcomer: its first ticket, still open.
        self._dated_ticket(newcomer, datetime(2026, 6, 20, 9))
        # Steady: 4 tickets last year closed in 10 days, 2 this quarter in 25.
        for month in (8, 9, 10, 11):
            self._dated_ticket(
                steady, datetime(2025, month, 1, 9), datetime(2025, month, 11, 9)
            )
        for month in (4, 5):
            self._dated_ticket(
                steady, datetime(2026, month, 3, 9), datetime(2026, month, 28, 9)
            )

    def _settings(self):
        # Settings are for administrators: the test user is not one.
        return self.env["res.config.settings"].with_user(
            self.env.ref("base.user_admin")
        )

    def _support(self):
        accounts = self.env["res.partner"].browse(
            [account.id for account in self.accounts.values()]
        )
        return accounts._health_component_scores(DAY)["support"]

    def test_support_component_cases(self):
        self._book_cases()
        support = self._support()

        cases = [
            # (account, score, open, high, recent, usual, parts)
            ("Quiet", 100.0, 0, 0, 0, 0.0, (100.0, 100.0, 100.0, None)),
            ("Busy", 55.0, 3, 1, 3, 0.99, (70.0, 66.7, 0.0, 83.3)),
            ("Newcomer", 95.0, 1, 0, 1, 0.0, (90.0, 100.0, None, None)),
            ("Steady", 74.75, 0, 0, 2, 0.99, (100.0, 100.0, 49.0, 50.0)),
        ]
        part_names = (
            "open_score",
            "high_priority_score",
            "volume_score",
            "resolution_score",
        )
        for name, score, open_, high, recent, usual, parts in cases:
            with self.subTest(account=name):
                value, facts = support[self.accounts[name].id]
                self.assertAlmostEqual(value, score, places=6)
                self.assertEqual(facts["open_tickets"], open_)
                self.assertEqual(facts["open_high_priority"], high)
                self.assertEqual(facts["tickets_last_90_days"], recent)
                self.assertEqual(facts["usual_per_90_days"], usual)
                for part_name, part in zip(part_names, parts, strict=True):
                    self.assertEqual(facts.get(part_name), part, part_name)

        self.assertNotIn(self.accounts["Never"].id, support)
        _score, steady = support[self.accounts["Steady"].id]
        self.assertEqual(steady["closed_last_12_months"], 6)
        self.assertEqual(steady["average_resolution_days"], 15.0)
        _score, quiet = support[self.accounts["Quiet"].id]
        self.assertEqual(quiet["closed_last_12_months"], 0)
        self.assertNotIn("average_resolution_days", quiet)

    def test_thresholds_come_from_settings(self):
        self._book_cases()
        settings = self._settings().create(
            {
                "account_mgmt_support_open_limit": 2,
                "account_mgmt_support_high_limit": 1,
                "account_mgmt_support_resolution_limit": 10,
            }
        )
        settings.execute()
        value, facts = self._support()[self.accounts["Busy"].id]
        # Open 3 of 2 and high 1 of 1 give 0; resolution 5 of 10 days gives 50.
        self.assertEqual(facts["open_score"], 0.0)
        self.assertEqual(facts["high_priority_score"], 0.0)
        self.assertEqual(facts["resolution_score"], 50.0)
        self.assertEqual(value, 12.5)

    def test_wrong_thresholds_are_rejected(self):
        settings = self._settings().create({"account_mgmt_support_volume_limit": 1.0})
        with self.assertRaisesRegex(
            ValidationError, "Ticket volume for score 0 is 1.0"
        ):
            settings.execute()
        settings = self._settings().create({"account_mgmt_support_open_limit": 0})
        with self.assertRaisesRegex(ValidationError, "open limit is 0"):
            settings.execute()

    def test_no_ticket_account_skips_support(self):
        self._book_cases()
        busy, never = self.accounts["Busy"], self.accounts["Never"]
        for account in (busy, never):
            self.env["account.mgmt.satisfaction"].create(
                {
                    "partner_id": account.id,
                    "survey_type": "nps",
                    "score": 9,
                    "date": DAY,
                }
            )
        (busy | never).with_user(self.account_manager)._refresh_health(DAY)
        as_manager = (busy | never).with_user(self.account_manager)
        busy, never = as_manager
        # Never: engagement 0 (weight 40) and satisfaction 90 (weight 30).
        # Counting support as 0 would give 30.0, as 100 would give 52.2.
        self.assertEqual(never.health_score, 38.6)
        self.assertNotIn("support", never.health_breakdown)
        # Busy: (40 x 0 + 30 x 90 + 20 x 55) / 90.
        self.assertEqual(busy.health_score, 42.2)
        support = busy.health_breakdown["support"]
        self.assertEqual(support["score"], 55.0)
        self.assertEqual(support["weight"], 22.2)
        self.assertEqual(support["facts"]["open_tickets"], 3)
        self.assertIn("open score: 70.0", busy.health_breakdown_html)

    def test_support_weight_is_configurable(self):
        self._book_cases()
        weight = self.env.ref("account_mgmt_helpdesk.health_component_support")
        weight.weight = 0
        self.accounts["Busy"]._refresh_health(DAY)
        self.assertNotIn("support", self.accounts["Busy"].health_breakdown)
        weight.weight = 40
        self.accounts["Busy"]._refresh_health(DAY)
        self.assertEqual(
            self.accounts["Busy"].health_breakdown["support"]["weight"], 50.0
        )

    def test_demo_account_shows_support(self):
        azure = self.env.ref("base.res_partner_12", raise_if_not_found=False)
        if not azure or not self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_5", raise_if_not_found=False
        ):
            self.skipTest("no demo data")
        self.assertIn("support", azure.health_breakdown)
        self.assertEqual(azure.health_breakdown["support"]["facts"]["open_tickets"], 2)
