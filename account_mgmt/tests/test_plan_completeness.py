# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time
from odoo.tests import tagged

from .account_plan_common import AccountPlanCommon

GAP_LABELS = [
    "No decision-maker",
    "No champion",
    "No budget holder",
    (
        "Single-threaded: fewer than 3 contacts with a good or strong relationship, "
        "or they cover fewer than 2 levels"
    ),
]


@tagged("post_install", "-at_install", "account_mgmt")
@freeze_time("2026-05-15")
class TestPlanCompleteness(AccountPlanCommon):
    """Handover readiness of a table of plans, on 15 May 2026 (second quarter)."""

    def _ready_account(self, name):
        account = self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "account_manager_id": self.account_manager.id,
                "account_backup_manager_id": self.head_of_accounts.id,
            }
        )
        self._cover_stakeholders(account)
        return account

    def _ready_plan(self, name, goals=None, last_update=None, **values):
        """Plan with nothing missing, then ``values`` and ``goals`` applied."""
        values.setdefault("business_overview", "Makes widgets for the car industry.")
        plan = self._plan(
            account=values.pop("account", None) or self._ready_account(name),
            state="active",
            **values,
        )
        if goals is None:
            goals = [
                {"date_due": date(2026, 6, 10), "user_id": self.account_manager.id}
            ]
        for goal in goals:
            self.env["account.mgmt.plan.goal"].create(
                {"plan_id": plan.id, "name": "Goal", "target_value": 1.0, **goal}
            )
        if last_update:
            plan.last_update_date = last_update
        return plan

    def test_completeness_table(self):
        bare_account = self.env["res.partner"].create(
            {"name": "Bare Ltd", "is_company": True}
        )
        cases = [
            ("complete", self._ready_plan("Complete"), 100, []),
            (
                "goal without owner",
                self._ready_plan("No Owner", goals=[{"date_due": date(2026, 4, 1)}]),
                85,
                ["A goal has no owner or no due date"],
            ),
            (
                "goal without due date",
                self._ready_plan(
                    "No Due Date",
                    goals=[
                        {
                            "date_due": date(2026, 6, 1),
                            "user_id": self.account_manager.id,
                        },
                        {"user_id": self.account_manager.id},
                    ],
                ),
                85,
                ["A goal has no owner or no due date"],
            ),
            (
                "goals of another quarter only",
                self._ready_plan(
                    "Last Quarter",
                    goals=[
                        {
                            "date_due": date(2026, 3, 31),
                            "user_id": self.account_manager.id,
                        }
                    ],
                ),
                80,
                ["No goal for this quarter"],
            ),
            (
                "stale",
                self._ready_plan("Stale", last_update=date(2026, 2, 13)),
                85,
                ["Plan not updated for 91 days"],
            ),
            (
                "updated 90 days ago is not stale yet",
                self._ready_plan("Fresh", last_update=date(2026, 2, 14)),
                100,
                [],
            ),
            (
                "bare",
                self._ready_plan(
                    "Bare",
                    account=bare_account,
                    goals=[],
                    business_overview=False,
                ),
                35,
                [
                    "The client's business is not described",
                    "No goal for this quarter",
                    *GAP_LABELS,
                    "No backup manager",
                ],
            ),
        ]
        for label, plan, score, missing in cases:
            with self.subTest(label):
                self.assertEqual(plan.completeness_score, score)
                self.assertEqual(
                    plan.completeness_missing.split("\n") if missing else [],
                    missing if missing else [],
                )
                if not missing:
                    self.assertFalse(plan.completeness_missing)

        ids = [plan.id for __, plan, __, __ in cases]
        not_ready = self.Plan.search(
            [("id", "in", ids), ("completeness_score", "<", 80)]
        )
        self.assertEqual(not_ready.mapped("partner_id.name"), ["Bare Ltd"])
        at_least_85 = self.Plan.search(
            [("id", "in", ids), ("completeness_score", ">=", 85)]
        )
        self.assertEqual(len(at_least_85), 5)

    def test_account_shows_current_plan_readiness(self):
        account = self._ready_account("Shown Corp")
        self.assertEqual(account.plan_completeness_score, 0)
        self.assertEqual(
            account.plan_completeness_missing, "No account plan for the current period"
        )
        plan = self._ready_plan("Shown Corp", account=account)
        account.invalidate_recordset()
        self.assertEqual(account.current_account_plan_id, plan)
        self.assertEqual(account.plan_completeness_score, 100)
        account.account_backup_manager_id = False
        account.invalidate_recordset()
        self.assertEqual(account.plan_completeness_score, 85)
        self.assertEqual(account.plan_completeness_missing, "No backup manager")
        found = self.env["res.partner"].search(
            [("id", "=", account.id), ("plan_completeness_score", "<", 90)]
        )
        self.assertEqual(found, account)

    def test_editing_a_goal_refreshes_the_plan_date(self):
        plan = self._ready_plan("Touched", last_update=date(2026, 1, 2))
        self.assertEqual(plan.completeness_score, 85)
        plan.goal_ids.next_step = "Call the CFO"
        self.assertEqual(plan.last_update_date, date(2026, 5, 15))
        self.assertEqual(plan.completeness_score, 100)
