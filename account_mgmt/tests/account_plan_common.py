# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from contextlib import contextmanager
from datetime import date, datetime

from odoo.exceptions import ValidationError
from odoo.fields import Command

from .common import AccountMgmtCommon


class AccountPlanCommon(AccountMgmtCommon):
    """Account plans, stakeholder roles and sale orders for the plan tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Plan = cls.env["account.mgmt.plan"]
        cls.roles = {
            role.kind: role
            for role in cls.env["account.mgmt.stakeholder.role"].search(
                [("kind", "!=", False)]
            )
        }
        cls.customer.account_manager_id = cls.account_manager

    @contextmanager
    def assertRejected(self, pattern):
        """Expect a ValidationError matching ``pattern``, rolled back with its writes."""
        with self.assertRaises(ValidationError) as caught:
            yield
        self.assertRegex(str(caught.exception), pattern)

    @classmethod
    def _contact(cls, account, name, roles=(), level=False, strength="none", **values):
        """Create a contact of ``account`` with stakeholder roles given by kind."""
        return cls.env["res.partner"].create(
            {
                "name": name,
                "parent_id": account.id,
                "stakeholder_role_ids": [
                    Command.set([cls.roles[kind].id for kind in roles])
                ],
                "stakeholder_level": level,
                "relationship_strength": strength,
                **values,
            }
        )

    @classmethod
    def _cover_stakeholders(cls, account):
        """Give ``account`` a stakeholder map without any gap."""
        cls._contact(account, "Dana Decider", ["decision_maker"], "executive", "good")
        cls._contact(account, "Chris Champion", ["champion"], "management", "strong")
        cls._contact(account, "Bo Budget", ["budget_holder"], "management", "good")

    @classmethod
    def _plan(
        cls,
        account=None,
        date_start=date(2026, 1, 1),
        date_end=date(2026, 12, 31),
        **values,
    ):
        return cls.Plan.create(
            {
                "partner_id": (account or cls.customer).id,
                "date_start": date_start,
                "date_end": date_end,
                **values,
            }
        )

    @classmethod
    def _sale_order(
        cls, partner, lines, order_date, pricelist=None, state="sale", company=None
    ):
        """Create a sale order dated ``order_date`` with (product, price) lines.

        Confirming an order stamps it with the current time, so the order
        date is written back after confirmation.
        """
        company = company or cls.env.company
        order = (
            cls.env["sale.order"]
            .with_company(company)
            .create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "pricelist_id": pricelist.id if pricelist else False,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "product_uom_qty": 1.0,
                                "price_unit": price,
                                "tax_ids": [Command.clear()],
                            }
                        )
                        for product, price in lines
                    ],
                }
            )
        )
        if state in ("sale", "cancel"):
            order.action_confirm()
        order.date_order = datetime.combine(
            order_date, datetime.min.time().replace(hour=12)
        )
        if state == "cancel":
            order._action_cancel()
        return order
