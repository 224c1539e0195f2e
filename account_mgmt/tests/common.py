# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.fields import Command
from odoo.tests import new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


class AccountMgmtCommon(AccountTestInvoicingCommon):
    """Customers, users and invoice helpers on a company of their own."""

    # Last day of the 12-month revenue window in every figure test.
    DATE_TO = date(2026, 6, 30)

    @classmethod
    def get_default_groups(cls):
        # Tests run as accounting's test user: make it head of accounts and of sales.
        return (
            super().get_default_groups()
            | cls.quick_ref("account_mgmt.group_account_mgmt_manager")
            | cls.quick_ref("sales_team.group_sale_manager")
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account_manager = new_test_user(
            cls.env,
            login="am_user",
            password="am_user_password",
            name="Alice Account Manager",
            email="am_user@example.com",
            groups="account_mgmt.group_account_mgmt_user",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        cls.head_of_accounts = new_test_user(
            cls.env,
            login="am_head",
            name="Hugo Head of Accounts",
            groups="account_mgmt.group_account_mgmt_manager",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        cls.plain_user = new_test_user(
            cls.env,
            login="plain_user",
            password="plain_user_password",
            name="Paul Plain User",
            groups="base.group_user",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Acme Industries", "is_company": True}
        )
        cls.customer_contact = cls.env["res.partner"].create(
            {"name": "Jane Buyer", "parent_id": cls.customer.id}
        )

    @classmethod
    def _invoice(
        cls, partner, amount, invoice_date, move_type="out_invoice", post=True, **values
    ):
        """Create a one-line invoice of ``amount`` untaxed for ``partner``."""
        return cls._create_invoice(
            move_type=move_type,
            invoice_date=invoice_date,
            post=post,
            partner_id=partner.id,
            invoice_line_ids=[
                cls._prepare_invoice_line(
                    price_unit=amount, tax_ids=values.pop("tax_ids", False)
                )
            ],
            **values,
        )

    def _revenue(self, partner, company=None):
        """Refresh the stored figures as of DATE_TO and return the partner's revenue."""
        company = company or self.env.company
        self.env["res.partner"]._refresh_account_figures(date_to=self.DATE_TO)
        return partner.with_company(company).revenue_12m
