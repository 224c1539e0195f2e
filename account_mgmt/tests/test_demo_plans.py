# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "account_mgmt")
class TestDemoPlans(TransactionCase):
    """The demo plans show one covered and one single-threaded account."""

    def setUp(self):
        super().setUp()
        self.ready_mat = self.env.ref(
            "account_mgmt.account_plan_ready_mat_demo", raise_if_not_found=False
        )
        if not self.ready_mat:
            self.skipTest("account_mgmt was installed without demo data")
        self.azure = self.env.ref("account_mgmt.account_plan_azure_interior_demo")

    def test_demo_stakeholder_gaps(self):
        ready_mat = self.ready_mat.partner_id
        azure = self.azure.partner_id
        gaps = (ready_mat | azure)._get_stakeholder_gap_codes()
        self.assertEqual(gaps[ready_mat.id], [])
        self.assertEqual(gaps[azure.id], ["single_threaded"])

    def test_demo_plans_are_active_with_goals_and_risks(self):
        for plan in self.ready_mat | self.azure:
            with self.subTest(plan=plan.name):
                self.assertEqual(plan.state, "active")
                self.assertEqual(len(plan.goal_ids), 2)
                self.assertTrue(plan.risk_ids)
        self.assertIn("No backup manager", self.azure.completeness_missing)
        self.assertIn(
            "A goal has no owner or no due date", self.azure.completeness_missing
        )
        self.assertTrue(
            self.azure.partner_id._get_expansion_warnings(self.azure.company_id)
        )
        self.assertFalse(
            self.ready_mat.partner_id._get_expansion_warnings(self.ready_mat.company_id)
        )
