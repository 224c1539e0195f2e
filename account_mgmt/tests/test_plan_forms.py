# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .account_plan_common import AccountPlanCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestPlanForms(AccountPlanCommon):
    """The plan and stakeholder forms, driven as an account manager."""

    def test_plan_form_with_goal_and_risk(self):
        Plan = self.Plan.with_user(self.account_manager)
        with Form(Plan) as plan_form:
            plan_form.partner_id = self.customer
            plan_form.date_start = date(2026, 1, 1)
            plan_form.date_end = date(2026, 12, 31)
            plan_form.business_overview = "Runs three bakeries."
            with plan_form.goal_ids.new() as goal:
                goal.name = "Supply the third bakery"
                goal.target_value = 3.0
                goal.date_due = date(2026, 8, 31)
                goal.user_id = self.account_manager
            with plan_form.risk_ids.new() as risk:
                risk.name = "Owner retires"
                risk.risk_type = "organisation_change"
                risk.severity = "high"
        plan = plan_form.record
        self.assertEqual(plan.name, "Acme Industries, 2026-01-01 to 2026-12-31")
        self.assertEqual(plan.goal_ids.name, "Supply the third bakery")
        self.assertEqual(plan.goal_ids.quarter, "2026-Q3")
        self.assertEqual(plan.risk_ids.severity, "high")
        self.assertEqual(plan.user_id, self.account_manager)

    def test_stakeholder_tab_edits_contacts(self):
        account = self.customer.with_user(self.account_manager)
        with Form(account) as account_form:
            with account_form.stakeholder_contact_ids.edit(0) as contact:
                contact.stakeholder_role_ids.add(self.roles["champion"])
                contact.stakeholder_level = "management"
                contact.relationship_strength = "strong"
                contact.relationship_owner_id = self.account_manager
            with account_form.stakeholder_contact_ids.new() as contact:
                contact.name = "Nina New"
                contact.stakeholder_role_ids.add(self.roles["decision_maker"])
                contact.stakeholder_level = "executive"
        self.assertEqual(
            self.customer_contact.stakeholder_role_ids, self.roles["champion"]
        )
        nina = self.customer.child_ids.filtered(lambda c: c.name == "Nina New")
        self.assertEqual(nina.stakeholder_level, "executive")
        self.assertEqual(
            self.customer._get_stakeholder_gap_codes()[self.customer.id],
            ["no_budget_holder", "single_threaded"],
        )


@tagged("post_install", "-at_install", "account_mgmt")
class TestPlanConfigurationAccess(AccountPlanCommon):
    """Catalogue, roles and stakeholder fields by group."""

    def test_account_manager_reads_configuration_only(self):
        for model in ("account.mgmt.offer.category", "account.mgmt.stakeholder.role"):
            with self.subTest(model=model):
                Model = self.env[model].with_user(self.account_manager)
                Model.search([])
                with self.assertRaises(AccessError):
                    Model.create({"name": "Mine"})
        self.env["account.mgmt.offer.category"].with_user(self.head_of_accounts).create(
            {
                "name": "Support Plans",
                "product_category_ids": [
                    (6, 0, self.env["product.category"].search([], limit=1).ids)
                ],
            }
        )

    def test_plain_user_cannot_read_stakeholder_fields(self):
        contact = self.customer_contact.with_user(self.plain_user)
        self.assertEqual(contact.name, "Jane Buyer")
        with self.assertRaises(AccessError):
            contact.read(["relationship_strength"])
