# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time
from odoo.fields import Command
from odoo.tests import tagged

from .account_plan_common import AccountPlanCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestPlanFootprint(AccountPlanCommon):
    """Footprint and white space from hand-made sale orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["product.category"]
        cls.hardware = Category.create({"name": "Hardware"})
        cls.servers = Category.create({"name": "Servers", "parent_id": cls.hardware.id})
        cls.software = Category.create({"name": "Software"})
        cls.training = Category.create({"name": "Training"})
        cls.server = cls._create_product(name="Rack Server", categ_id=cls.servers.id)
        cls.cable = cls._create_product(name="Cable Kit", categ_id=cls.hardware.id)
        cls.licence = cls._create_product(name="Licence", categ_id=cls.software.id)
        Offer = cls.env["account.mgmt.offer.category"]
        # Odoo's demo data may hold catalogue lines: keep only this test's.
        Offer.search([]).active = False
        cls.infrastructure = Offer.create(
            {
                "name": "Infrastructure",
                "product_category_ids": [Command.set(cls.hardware.ids)],
                "expected_annual_value": 10000.0,
            }
        )
        cls.licences = Offer.create(
            {
                "name": "Licences",
                "product_category_ids": [Command.set(cls.software.ids)],
                "expected_annual_value": 4000.0,
            }
        )
        cls.courses = Offer.create(
            {
                "name": "Courses",
                "product_category_ids": [Command.set(cls.training.ids)],
                "expected_annual_value": 3000.0,
            }
        )
        cls.foreign = cls.setup_other_currency(
            "EUR" if cls.env.company.currency_id.name != "EUR" else "USD",
            rates=[("2025-01-01", 2.0), ("2026-05-01", 4.0)],
        )
        cls.foreign_pricelist = cls.env["product.pricelist"].create(
            {"name": "Foreign", "currency_id": cls.foreign.id}
        )

    def _footprint(self, plan):
        return {
            line.product_category_id.name: line.amount for line in plan.footprint_ids
        }

    def test_footprint_and_white_space_from_sale_orders(self):
        customer, contact = self.customer, self.customer_contact
        self._sale_order(
            customer, [(self.server, 1000.0), (self.licence, 300.0)], date(2026, 2, 10)
        )
        # 1600 in the foreign currency at 4.0 per company unit is 400.
        self._sale_order(
            customer,
            [(self.licence, 1600.0)],
            date(2026, 5, 20),
            self.foreign_pricelist,
        )
        # Orders of the account's contacts count for the account.
        self._sale_order(contact, [(self.cable, 200.0)], date(2026, 3, 1))
        # Left out: cancelled, quotation, before the window, another customer.
        self._sale_order(
            customer, [(self.server, 9999.0)], date(2026, 4, 1), state="cancel"
        )
        self._sale_order(
            customer, [(self.server, 5555.0)], date(2026, 4, 1), state="draft"
        )
        self._sale_order(customer, [(self.server, 777.0)], date(2025, 6, 30))
        other = self.env["res.partner"].create({"name": "Globex", "is_company": True})
        self._sale_order(other, [(self.server, 333.0)], date(2026, 4, 1))

        plan = self._plan(date_start=date(2026, 1, 1), date_end=date(2026, 6, 30))

        self.assertEqual(plan.footprint_date, date(2026, 6, 30))
        self.assertEqual(
            self._footprint(plan),
            {"Servers": 1000.0, "Software": 700.0, "Hardware": 200.0},
        )
        self.assertEqual(plan.footprint_amount, 1900.0)
        by_category = {
            l.product_category_id: l.offer_category_id for l in plan.footprint_ids
        }
        self.assertEqual(by_category[self.servers], self.infrastructure)
        self.assertEqual(by_category[self.hardware], self.infrastructure)
        self.assertEqual(by_category[self.software], self.licences)
        self.assertEqual(plan.white_space_category_ids, self.courses)
        self.assertEqual(plan.white_space_amount, 3000.0)

    def test_foreign_order_converted_at_its_own_rate(self):
        # Same foreign amount, two order dates, two rates: 800 / 2.0 and 800 / 4.0.
        self._sale_order(
            self.customer,
            [(self.licence, 800.0)],
            date(2026, 1, 15),
            self.foreign_pricelist,
        )
        self._sale_order(
            self.customer,
            [(self.licence, 800.0)],
            date(2026, 6, 15),
            self.foreign_pricelist,
        )
        plan = self._plan(date_start=date(2026, 1, 1), date_end=date(2026, 6, 30))
        self.assertEqual(self._footprint(plan), {"Software": 600.0})

    @freeze_time("2026-03-31")
    def test_running_plan_footprint_ends_today_and_refreshes(self):
        self._sale_order(self.customer, [(self.server, 100.0)], date(2025, 4, 1))
        plan = self._plan()
        self.assertEqual(plan.footprint_date, date(2026, 3, 31))
        self.assertEqual(self._footprint(plan), {"Servers": 100.0})
        self.assertEqual(plan.white_space_category_ids, self.licences | self.courses)
        self.assertEqual(plan.white_space_amount, 7000.0)
        self._sale_order(self.customer, [(self.licence, 50.0)], date(2026, 3, 2))
        plan.action_refresh_footprint()
        self.assertEqual(self._footprint(plan), {"Servers": 100.0, "Software": 50.0})
        self.assertEqual(plan.white_space_category_ids, self.courses)

    def test_orders_of_other_company_excluded(self):
        other_company = self.setup_other_company(name="Elsewhere Ltd")["company"]
        self._sale_order(
            self.customer,
            [(self.server, 450.0)],
            date(2026, 3, 3),
            company=other_company,
        )
        here = self._plan(date_end=date(2026, 6, 30))
        there = self._plan(date_end=date(2026, 6, 30), company_id=other_company.id)
        self.assertFalse(here.footprint_ids)
        self.assertEqual(self._footprint(there), {"Servers": 450.0})

    def test_account_without_orders_has_all_white_space(self):
        plan = self._plan()
        self.assertFalse(plan.footprint_ids)
        self.assertEqual(plan.footprint_amount, 0.0)
        self.assertEqual(
            plan.white_space_category_ids,
            self.infrastructure | self.licences | self.courses,
        )


@tagged("post_install", "-at_install", "account_mgmt")
class TestPlanValidation(AccountPlanCommon):
    """Bad input raises a ValidationError and saves nothing."""

    def test_second_active_plan_for_same_period_rejected(self):
        self._plan(state="active")
        with self.assertRejected("already has the active plan"):
            self._plan(
                date_start=date(2026, 7, 1), date_end=date(2027, 6, 30), state="active"
            )
        self.assertEqual(
            self.Plan.search_count([("partner_id", "=", self.customer.id)]), 1
        )

    def test_plans_of_other_periods_and_closed_plans_allowed(self):
        first = self._plan(state="active")
        self._plan(
            date_start=date(2027, 1, 1), date_end=date(2027, 12, 31), state="active"
        )
        draft = self._plan()
        first.action_close()
        draft.action_activate()
        self.assertEqual(draft.state, "active")
        self.assertEqual(
            self.Plan.search_count([("partner_id", "=", self.customer.id)]), 3
        )

    def test_plan_for_a_contact_rejected(self):
        with self.assertRejected("make the plan for the account"):
            self._plan(account=self.customer_contact)

    def test_goal_due_outside_period_rejected(self):
        plan = self._plan(date_end=date(2026, 6, 30))
        with self.assertRejected("2026-07-01, outside its plan period"):
            plan.goal_ids = [
                Command.create(
                    {"name": "Late", "date_due": date(2026, 7, 1), "target_value": 1.0}
                )
            ]
        self.assertFalse(plan.goal_ids)

    def test_shrinking_period_past_a_goal_rejected(self):
        plan = self._plan()
        plan.goal_ids = [
            Command.create(
                {"name": "Q4", "date_due": date(2026, 11, 1), "target_value": 1.0}
            )
        ]
        with self.assertRejected("outside its plan period"):
            plan.date_end = date(2026, 9, 30)
        self.assertEqual(plan.date_end, date(2026, 12, 31))

    def test_goal_target_of_wrong_sign_rejected(self):
        plan = self._plan()
        for target in (-500.0, 0.0):
            with (
                self.subTest(target=target),
                self.assertRejected("must be greater than zero"),
            ):
                self.env["account.mgmt.plan.goal"].create(
                    {"plan_id": plan.id, "name": "Shrink", "target_value": target}
                )
        self.assertFalse(plan.goal_ids)

    def test_goal_sponsor_from_another_account_rejected(self):
        plan = self._plan()
        other = self.env["res.partner"].create({"name": "Globex", "is_company": True})
        stranger = self.env["res.partner"].create(
            {"name": "Sam Stranger", "parent_id": other.id}
        )
        with self.assertRejected("Sam Stranger is not a contact of"):
            self.env["account.mgmt.plan.goal"].create(
                {
                    "plan_id": plan.id,
                    "name": "Expand",
                    "target_value": 1.0,
                    "stakeholder_id": stranger.id,
                }
            )
        self.assertFalse(plan.goal_ids)
        goal = self.env["account.mgmt.plan.goal"].create(
            {
                "plan_id": plan.id,
                "name": "Expand",
                "target_value": 1.0,
                "stakeholder_id": self.customer_contact.id,
            }
        )
        self.assertEqual(goal.stakeholder_id, self.customer_contact)


@tagged("post_install", "-at_install", "account_mgmt")
class TestPlanGoal(AccountPlanCommon):
    def test_goal_quarter_and_progress(self):
        plan = self._plan()
        Goal = self.env["account.mgmt.plan.goal"]
        cases = [
            (date(2026, 1, 1), 200.0, 50.0, "2026-Q1", 25.0),
            (date(2026, 6, 30), 4.0, 5.0, "2026-Q2", 125.0),
            (date(2026, 12, 31), 3.0, 0.0, "2026-Q4", 0.0),
            (False, 10.0, 1.0, False, 10.0),
        ]
        for due, target, current, quarter, progress in cases:
            with self.subTest(due=due):
                goal = Goal.create(
                    {
                        "plan_id": plan.id,
                        "name": "Goal",
                        "date_due": due,
                        "target_value": target,
                        "current_value": current,
                    }
                )
                self.assertEqual(goal.quarter, quarter)
                self.assertEqual(goal.progress, progress)


@tagged("post_install", "-at_install", "account_mgmt")
class TestPlanChatter(AccountPlanCommon):
    def test_goal_and_risk_changes_logged_on_plan(self):
        plan = self._plan()
        goal = self.env["account.mgmt.plan.goal"].create(
            {"plan_id": plan.id, "name": "Grow licences", "target_value": 10.0}
        )
        goal.write({"status": "on_track", "current_value": 4.0})
        self.assertEqual(goal.progress, 40.0)
        risk = self.env["account.mgmt.plan.risk"].create(
            {"plan_id": plan.id, "name": "Late payments", "risk_type": "payment"}
        )
        risk.state = "mitigated"
        bodies = plan.message_ids.mapped("body")
        self.assertTrue(any("Goal added: Grow licences" in body for body in bodies))
        self.assertTrue(any("Not Started → On Track" in body for body in bodies))
        self.assertTrue(
            any("Risk added: Late payments (Medium)" in body for body in bodies)
        )
        self.assertTrue(any("Open → Mitigated" in body for body in bodies))


@tagged("post_install", "-at_install", "account_mgmt")
class TestRiskCreatedOnce(AccountPlanCommon):
    def test_create_risk_once_is_idempotent(self):
        plan = self._plan(
            state="active", date_start=date(2000, 1, 1), date_end=date(2099, 12, 31)
        )
        Risk = self.env["account.mgmt.plan.risk"]
        first = Risk._create_risk_once(
            self.customer_contact,
            "support",
            "Ticket 42 escalated",
            severity="high",
            origin="helpdesk.ticket,42",
        )
        again = Risk._create_risk_once(
            self.customer,
            "support",
            "Ticket 42 escalated again",
            origin="helpdesk.ticket,42",
        )
        self.assertEqual(again, first)
        self.assertEqual(first.plan_id, plan)
        self.assertEqual(first.severity, "high")
        self.assertEqual(len(plan.risk_ids), 1)
        # A closed risk no longer blocks a new one from the same origin.
        first.state = "closed"
        third = Risk._create_risk_once(
            self.customer, "support", "Ticket 42 reopened", origin="helpdesk.ticket,42"
        )
        self.assertNotEqual(third, first)
        self.assertEqual(len(plan.risk_ids), 2)

    def test_create_risk_once_without_plan_returns_nothing(self):
        risk = self.env["account.mgmt.plan.risk"]._create_risk_once(
            self.customer, "support", "Ticket 7", origin="helpdesk.ticket,7"
        )
        self.assertFalse(risk)
