# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .account_plan_common import AccountPlanCommon


@freeze_time("2026-05-12 10:00:00")
@tagged("post_install", "-at_install", "account_mgmt")
class TestReviewPriorityGoal(AccountPlanCommon):
    """Priorities agreed in a business review become goals of the account plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._plan(state="active")
        cls.review = cls.env["account.mgmt.business.review"].create(
            {
                "partner_id": cls.customer.id,
                "date": date(2026, 5, 12),
                "priority_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Roll out to the Lyon site",
                            "target_value": 3.0,
                            "unit": "sites",
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Cut invoice processing time",
                            "target_value": 30.0,
                            "unit": "%",
                            "date_deadline": date(2026, 9, 15),
                        },
                    ),
                ],
            }
        )
        cls.lyon, cls.processing = cls.review.priority_ids
        cls.processing.owner_id = cls.head_of_accounts

    def _goals(self):
        return self.env["account.mgmt.plan.goal"].search(
            [("plan_id.partner_id", "=", self.customer.id)]
        )

    def test_priority_round_trip_to_plan_goal(self):
        priority = self.lyon.with_user(self.account_manager)
        self.assertTrue(priority.action_convert_to_goal())
        goal = self.lyon.goal_id
        self.assertEqual(goal.plan_id, self.plan)
        self.assertEqual(goal.name, "Roll out to the Lyon site")
        self.assertEqual(goal.user_id, self.account_manager)
        self.assertEqual(goal.date_due, date(2026, 6, 30))
        self.assertEqual(goal.quarter, "2026-Q2")
        self.assertEqual(goal.target_value, 3.0)
        self.assertEqual(goal.unit, "sites")
        self.assertEqual(goal.review_priority_id, self.lyon)
        self.assertIn("converted into a goal of", self.review.message_ids[0].body)
        self.assertIn("2026-06-30", self.review.message_ids[0].body)
        self.assertIn(
            "created from the priority agreed in", self.plan.message_ids[0].body
        )
        # Converting again neither duplicates the goal nor logs anything.
        messages = self.review.message_ids
        priority.action_convert_to_goal()
        self.assertEqual(self._goals(), goal)
        self.assertEqual(self.review.message_ids, messages)

    def test_priority_owner_and_due_date_carry_over(self):
        self.processing.with_user(self.account_manager).action_convert_to_goal()
        goal = self.processing.goal_id
        self.assertEqual(goal.user_id, self.head_of_accounts)
        self.assertEqual(goal.date_due, date(2026, 9, 15))
        self.assertEqual(goal.unit, "%")
        self.assertEqual(goal.target_value, 30.0)

    def test_default_due_date_stays_inside_a_short_plan(self):
        self.plan.date_end = date(2026, 6, 15)
        self.lyon.with_user(self.account_manager).action_convert_to_goal()
        self.assertEqual(self.lyon.goal_id.date_due, date(2026, 6, 15))

    def test_no_active_plan_raises(self):
        self.plan.state = "draft"
        with self.assertRaisesRegex(
            UserError, "has no active account plan running today"
        ):
            self.lyon.with_user(self.account_manager).action_convert_to_goal()
        self.assertFalse(self.lyon.goal_id)
        self.assertFalse(self._goals())

    def test_plan_of_another_year_is_not_current(self):
        self.plan.write(
            {"date_start": date(2025, 1, 1), "date_end": date(2025, 12, 31)}
        )
        with self.assertRaisesRegex(UserError, "Create or activate the account plan"):
            self.lyon.action_convert_to_goal()

    def test_missing_target_asks_for_one(self):
        self.lyon.target_value = 0.0
        with self.assertRaisesRegex(
            UserError, "its target is 0.0. Set a target greater than zero"
        ):
            self.lyon.with_user(self.account_manager).action_convert_to_goal()

    def test_due_date_outside_plan_raises(self):
        self.processing.date_deadline = date(2027, 1, 15)
        with self.assertRaisesRegex(
            UserError, "due on 2027-01-15, outside the plan period"
        ):
            self.processing.action_convert_to_goal()

    def test_one_bad_priority_converts_none(self):
        self.processing.target_value = 0.0
        with self.assertRaises(UserError):
            self.review.priority_ids.with_user(
                self.account_manager
            ).action_convert_to_goal()
        self.assertFalse(self._goals())
        self.assertFalse(self.review.priority_ids.goal_id)

    def test_deleting_the_goal_frees_the_priority(self):
        self.lyon.action_convert_to_goal()
        self.lyon.goal_id.unlink()
        self.assertFalse(self.lyon.goal_id)
        self.lyon.action_convert_to_goal()
        self.assertEqual(len(self._goals()), 1)
