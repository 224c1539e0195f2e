# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.fields import Command
from odoo.tests import tagged

from .account_plan_common import AccountPlanCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestPlanOpportunity(AccountPlanCommon):
    """Goals and white space turned into opportunities, and back on the plan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls._plan(state="active")
        cls.goal = cls.env["account.mgmt.plan.goal"].create(
            {
                "plan_id": cls.plan.id,
                "name": "Roll out to the Lyon plant",
                "target_value": 50.0,
                "date_due": date(2026, 9, 30),
            }
        )
        cls.training = cls.env["product.category"].create({"name": "Training"})
        cls.courses = cls.env["account.mgmt.offer.category"].create(
            {
                "name": "Courses",
                "product_category_ids": [Command.set(cls.training.ids)],
                "expected_annual_value": 3000.0,
            }
        )

    def _lead_from(self, action):
        self.assertEqual(action["res_model"], "crm.lead")
        return self.env["crm.lead"].browse(action["res_id"])

    def test_goal_opportunity_round_trip(self):
        lead = self._lead_from(self.goal.action_create_opportunity())
        self.assertEqual(lead.name, "Roll out to the Lyon plant")
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.customer)
        self.assertEqual(lead.opportunity_kind, "upsell")
        self.assertEqual(lead.account_plan_id, self.plan)
        self.assertEqual(lead.plan_goal_id, self.goal)
        self.assertEqual(self.goal.opportunity_ids, lead)
        self.assertEqual(self.goal.opportunity_count, 1)
        self.assertEqual(self.plan.opportunity_ids, lead)
        self.assertFalse(lead.is_expansion_despite_risk)

        lead.expected_revenue = 5000.0
        self.assertEqual(self.plan.open_pipeline_amount, 5000.0)
        self.assertEqual(self.plan.won_expansion_amount, 0.0)
        lead.action_set_won()
        self.assertEqual(self.plan.open_pipeline_amount, 0.0)
        self.assertEqual(self.plan.won_expansion_amount, 5000.0)
        self.assertEqual(self.plan.opportunity_count, 1)

    def test_won_renewal_is_not_expansion(self):
        self.goal.opportunity_kind = "renewal"
        lead = self._lead_from(self.goal.action_create_opportunity())
        self.assertEqual(lead.opportunity_kind, "renewal")
        lead.write({"expected_revenue": 800.0})
        lead.action_set_won()
        lost = self._lead_from(self.goal.action_create_opportunity())
        lost.write({"expected_revenue": 900.0})
        lost.action_set_lost()
        self.assertEqual(self.plan.won_expansion_amount, 0.0)
        self.assertEqual(self.plan.open_pipeline_amount, 0.0)

    def test_white_space_creates_cross_sell(self):
        action = self.courses.with_context(
            account_mgmt_plan_id=self.plan.id
        ).action_create_plan_opportunity()
        lead = self._lead_from(action)
        self.assertEqual(lead.opportunity_kind, "cross_sell")
        self.assertEqual(lead.expected_revenue, 3000.0)
        self.assertEqual(lead.account_plan_id, self.plan)
        self.assertFalse(lead.plan_goal_id)
        self.assertEqual(self.plan.open_pipeline_amount, 3000.0)

    def test_open_high_risk_asks_confirmation_before_upsell(self):
        self.env["account.mgmt.plan.risk"].create(
            {
                "plan_id": self.plan.id,
                "name": "CFO threatens to leave",
                "risk_type": "satisfaction",
                "severity": "high",
            }
        )
        action = self.goal.action_create_opportunity()
        self.assertEqual(action["res_model"], "account.mgmt.expansion.wizard")
        self.assertFalse(self.goal.opportunity_ids)
        wizard = self.env["account.mgmt.expansion.wizard"].browse(action["res_id"])
        self.assertEqual(
            wizard.warnings, "Open high-severity risk: CFO threatens to leave"
        )

        lead = self._lead_from(wizard.action_confirm())
        self.assertTrue(lead.is_expansion_despite_risk)
        self.assertEqual(lead.plan_goal_id, self.goal)
        self.assertTrue(
            any(
                "CFO threatens to leave" in body
                for body in lead.message_ids.mapped("body")
            )
        )
        flagged = self.env["crm.lead"].search(
            [("is_expansion_despite_risk", "=", True)]
        )
        self.assertIn(lead, flagged)

    def test_renewal_and_mitigated_risk_need_no_confirmation(self):
        risk = self.env["account.mgmt.plan.risk"].create(
            {
                "plan_id": self.plan.id,
                "name": "Contract ends in March",
                "risk_type": "contract_date",
                "severity": "high",
            }
        )
        self.goal.opportunity_kind = "renewal"
        lead = self._lead_from(self.goal.action_create_opportunity())
        self.assertFalse(lead.is_expansion_despite_risk)
        risk.state = "mitigated"
        self.goal.opportunity_kind = "upsell"
        lead = self._lead_from(self.goal.action_create_opportunity())
        self.assertFalse(lead.is_expansion_despite_risk)

    def test_medium_risk_needs_no_confirmation(self):
        self.env["account.mgmt.plan.risk"].create(
            {"plan_id": self.plan.id, "name": "Slow payer", "risk_type": "payment"}
        )
        lead = self._lead_from(self.goal.action_create_opportunity())
        self.assertFalse(lead.is_expansion_despite_risk)

    def test_hand_made_cross_sell_for_risky_account_is_flagged(self):
        self.env["account.mgmt.plan.risk"].create(
            {
                "plan_id": self.plan.id,
                "name": "Reorganisation",
                "risk_type": "organisation_change",
                "severity": "high",
            }
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Extra licences",
                "type": "opportunity",
                "partner_id": self.customer_contact.id,
            }
        )
        self.assertFalse(lead.is_expansion_despite_risk)
        lead.opportunity_kind = "cross_sell"
        self.assertTrue(lead.is_expansion_despite_risk)
        self.assertTrue(
            any("Reorganisation" in body for body in lead.message_ids.mapped("body"))
        )

    def test_opportunity_plan_of_another_account_rejected(self):
        other = self.env["res.partner"].create({"name": "Globex", "is_company": True})
        with self.assertRejected("Pick a plan of the customer's account"):
            self.env["crm.lead"].create(
                {
                    "name": "Wrong plan",
                    "type": "opportunity",
                    "partner_id": other.id,
                    "account_plan_id": self.plan.id,
                }
            )
        self.assertFalse(
            self.env["crm.lead"].search_count([("name", "=", "Wrong plan")])
        )

    def test_pipeline_grouped_by_opportunity_kind(self):
        self._lead_from(self.goal.action_create_opportunity())
        self.courses.with_context(
            account_mgmt_plan_id=self.plan.id
        ).action_create_plan_opportunity()
        groups = self.env["crm.lead"]._read_group(
            [("account_plan_id", "=", self.plan.id)], ["opportunity_kind"], ["__count"]
        )
        self.assertEqual(dict(groups), {"upsell": 1, "cross_sell": 1})
