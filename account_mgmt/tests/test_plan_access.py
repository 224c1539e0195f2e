# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .account_plan_common import AccountPlanCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestPlanAccess(AccountPlanCommon):
    """Who reads and edits account plans."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="plan_salesman",
            name="Sally Salesman",
            groups="sales_team.group_sale_salesman",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        Partner = cls.env["res.partner"]
        cls.backed_up = Partner.create(
            {
                "name": "Backed Up Inc",
                "is_company": True,
                "account_manager_id": cls.head_of_accounts.id,
                "account_backup_manager_id": cls.account_manager.id,
            }
        )
        cls.foreign_account = Partner.create(
            {
                "name": "Not Mine SA",
                "is_company": True,
                "account_manager_id": cls.head_of_accounts.id,
            }
        )
        cls.own_plan = cls._plan(cls.customer)
        cls.backup_plan = cls._plan(cls.backed_up)
        cls.other_plan = cls._plan(cls.foreign_account)
        for plan in cls.own_plan | cls.backup_plan | cls.other_plan:
            cls.env["account.mgmt.plan.goal"].create(
                {"plan_id": plan.id, "name": "Grow", "target_value": 2.0}
            )

    def test_account_manager_edits_managed_and_backed_up_plans(self):
        Plan = self.Plan.with_user(self.account_manager)
        for plan in (self.own_plan, self.backup_plan):
            with self.subTest(plan=plan.partner_id.name):
                plan = plan.with_user(self.account_manager)
                plan.pressures = "Budget freeze"
                plan.goal_ids.current_value = 1.0
                self.env["account.mgmt.plan.risk"].with_user(
                    self.account_manager
                ).create(
                    {"plan_id": plan.id, "name": "Churn", "risk_type": "satisfaction"}
                )
                self.assertEqual(plan.pressures, "Budget freeze")
        new_plan = Plan.create(
            {
                "partner_id": self.customer.id,
                "date_start": date(2027, 1, 1),
                "date_end": date(2027, 12, 31),
            }
        )
        self.assertEqual(new_plan.user_id, self.account_manager)

    def test_account_manager_reads_but_cannot_edit_other_plans(self):
        plan = self.other_plan.with_user(self.account_manager)
        self.assertEqual(plan.name, self.other_plan.name)
        self.assertEqual(plan.goal_ids.name, "Grow")
        self.assertEqual(
            self.Plan.with_user(self.account_manager).search_count(
                [("id", "in", (self.own_plan | self.backup_plan | self.other_plan).ids)]
            ),
            3,
        )
        with self.assertRaises(AccessError):
            plan.pressures = "Not my business"
        with self.assertRaises(AccessError):
            plan.goal_ids.current_value = 2.0
        with self.assertRaises(AccessError):
            self.env["account.mgmt.plan.goal"].with_user(self.account_manager).create(
                {"plan_id": plan.id, "name": "Sneaky", "target_value": 1.0}
            )
        with self.assertRaises(AccessError):
            self.Plan.with_user(self.account_manager).create(
                {
                    "partner_id": self.foreign_account.id,
                    "date_start": date(2027, 1, 1),
                    "date_end": date(2027, 12, 31),
                }
            )

    def test_account_manager_cannot_create_opportunity_on_other_plan(self):
        goal = self.other_plan.goal_ids.with_user(self.account_manager)
        with self.assertRaises(AccessError):
            goal.action_create_opportunity()

    def test_users_without_account_group_see_no_plan(self):
        for user in (self.salesman, self.plain_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Plan.with_user(user).search([])
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["account.mgmt.plan.goal"].with_user(user).search([])

    def test_salesman_reads_opportunity_of_a_plan(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Plan deal",
                "type": "opportunity",
                "partner_id": self.customer.id,
                "user_id": self.salesman.id,
                "opportunity_kind": "upsell",
                "account_plan_id": self.own_plan.id,
            }
        )
        read = lead.with_user(self.salesman).read(["name", "opportunity_kind"])
        self.assertEqual(read[0]["opportunity_kind"], "upsell")

    def test_head_of_accounts_edits_every_plan(self):
        for plan in (self.own_plan, self.other_plan):
            plan.with_user(self.head_of_accounts).buying_cycle = "Yearly tender"
            self.assertEqual(plan.buying_cycle, "Yearly tender")

    def test_plan_of_another_company_hidden(self):
        other_company = self.setup_other_company(name="Elsewhere Ltd")["company"]
        hidden = self._plan(self.foreign_account, company_id=other_company.id)
        Plan = self.Plan.with_user(self.head_of_accounts)
        self.assertFalse(Plan.search([("id", "=", hidden.id)]))
        with self.assertRaises(AccessError):
            Plan.browse(hidden.id).read(["name"])


@tagged("post_install", "-at_install", "account_mgmt")
class TestPlanReport(AccountPlanCommon):
    def test_plan_pdf_renders_for_account_manager(self):
        self._cover_stakeholders(self.customer)
        plan = self._plan(business_overview="Builds trams.")
        self.env["account.mgmt.plan.goal"].create(
            {
                "plan_id": plan.id,
                "name": "Sign the maintenance contract",
                "target_value": 1.0,
                "date_due": date(2026, 10, 1),
            }
        )
        self.env["account.mgmt.plan.risk"].create(
            {"plan_id": plan.id, "name": "New CFO", "risk_type": "organisation_change"}
        )
        content, report_type = (
            self.env["ir.actions.report"]
            .with_user(self.account_manager)
            ._render_qweb_pdf("account_mgmt.account_mgmt_plan_report_action", plan.ids)
        )
        # Under the test runner Odoo renders the HTML that wkhtmltopdf would print.
        self.assertEqual(report_type, "html")
        html = content.decode()
        for text in (
            plan.name,
            "Builds trams.",
            "Sign the maintenance contract",
            "New CFO",
            "Chris Champion",
        ):
            self.assertIn(text, html)
