# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import AccountMgmtCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestCustomerAccount(AccountMgmtCommon):
    def _accounts(self, partners):
        in_company = self.env["res.partner"].with_context(
            allowed_company_ids=self.env.company.ids
        )
        return in_company.search(
            [("is_customer_account", "=", True), ("id", "in", partners.ids)]
        )

    def test_posted_invoice_makes_an_account(self):
        self._invoice(self.customer_contact, 10.0, date(2026, 1, 1))
        self.assertEqual(
            self._accounts(self.customer | self.customer_contact), self.customer
        )
        self.assertTrue(self.customer.is_customer_account)
        self.assertFalse(self.customer_contact.is_customer_account)

    def test_confirmed_sale_order_makes_an_account(self):
        confirmed = self.env["res.partner"].create(
            {"name": "Initech", "is_company": True}
        )
        quoted = self.env["res.partner"].create({"name": "Hooli", "is_company": True})
        for partner in confirmed | quoted:
            self.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [self._prepare_order_line(product_id=self.product_a)],
                }
            )
        confirmed.sale_order_ids.action_confirm()
        self.assertEqual(self._accounts(confirmed | quoted), confirmed)

    def test_draft_invoice_and_vendor_bill_make_no_account(self):
        self._invoice(self.customer, 10.0, date(2026, 1, 1), post=False)
        self._invoice(self.customer, 10.0, date(2026, 1, 1), move_type="in_invoice")
        self.assertFalse(self._accounts(self.customer))
        not_accounts = self.env["res.partner"].search(
            [("is_customer_account", "=", False), ("id", "=", self.customer.id)]
        )
        self.assertEqual(not_accounts, self.customer)

    def test_other_company_invoice_hidden_from_account_list(self):
        other = self.setup_other_company(name="Elsewhere Ltd")["company"]
        self._invoice(self.customer, 10.0, date(2026, 1, 1), company_id=other.id)
        self.assertFalse(self._accounts(self.customer))
        in_other = (
            self.env["res.partner"]
            .with_company(other)
            .with_context(allowed_company_ids=other.ids)
        )
        self.assertTrue(in_other.browse(self.customer.id).is_customer_account)

    def test_account_manager_defaults_to_salesperson(self):
        partner = self.env["res.partner"].create(
            {"name": "Umbrella", "is_company": True, "user_id": self.account_manager.id}
        )
        self.assertEqual(partner.account_manager_id, self.account_manager)
        partner.account_manager_id = self.head_of_accounts
        partner.user_id = self.env.user
        self.assertEqual(partner.account_manager_id, self.head_of_accounts)

    def test_contacts_follow_company_account_manager(self):
        self.customer.account_manager_id = self.account_manager
        self.assertEqual(self.customer_contact.account_manager_id, self.account_manager)
        new_contact = self.env["res.partner"].create(
            {"name": "Late Joiner", "parent_id": self.customer.id}
        )
        self.assertEqual(new_contact.account_manager_id, self.account_manager)

    def test_figures_need_account_manager_group(self):
        self._invoice(self.customer, 10.0, date(2026, 1, 1))
        self.env["res.partner"]._refresh_account_figures(date_to=self.DATE_TO)
        as_manager = self.customer.with_user(self.account_manager)
        self.assertEqual(as_manager.revenue_12m, 10.0)
        as_plain = self.customer.with_user(self.plain_user)
        with self.assertRaises(AccessError):
            as_plain.read(["revenue_12m"])

    def test_menu_shown_to_account_managers_only(self):
        root = self.env.ref("account_mgmt.account_mgmt_menu_root")
        Menu = self.env["ir.ui.menu"]
        manager_menus = Menu.with_user(self.account_manager)._visible_menu_ids()
        plain_menus = Menu.with_user(self.plain_user)._visible_menu_ids()
        self.assertIn(root.id, manager_menus)
        self.assertNotIn(root.id, plain_menus)
