# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import AccountMgmtCommon


def at_noon(day):
    """Return noon UTC of ``day``, still that day from UTC-11 to UTC+11."""
    return datetime.combine(day, time(12))


class AccountCoverageCommon(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_1 = cls.env.ref("account_mgmt.tier_1")
        cls.tier_3 = cls.env.ref("account_mgmt.tier_3")
        cls.proactive_type = cls.env["mail.activity.type"].create(
            {"name": "Check-in call", "is_proactive": True}
        )
        cls.support_type = cls.env["mail.activity.type"].create(
            {"name": "Answer complaint", "is_proactive": False}
        )

    def _touch(self, record, when, activity_type=None):
        """Complete an activity on ``record`` and date its message ``when`` (UTC)."""
        activity = record.activity_schedule(
            activity_type_id=(activity_type or self.proactive_type).id,
            user_id=self.env.uid,
        )
        message = self.env["mail.message"].browse(
            activity.action_feedback(feedback="Done")
        )
        message.date = when
        return message


@tagged("post_install", "-at_install", "account_mgmt")
class TestProactiveTouch(AccountCoverageCommon):
    def test_proactive_touch_from_contacts_and_leads(self):
        today = fields.Date.context_today(self.customer)
        lead = self.env["crm.lead"].create(
            {
                "name": "Renewal",
                "type": "opportunity",
                "partner_id": self.customer_contact.id,
            }
        )
        self._touch(self.customer_contact, at_noon(today - timedelta(days=20)))
        self._touch(lead, at_noon(today - timedelta(days=9)))
        # A later reactive activity is no proactive touch.
        self._touch(self.customer, at_noon(today), self.support_type)
        self.assertEqual(
            self.customer.last_proactive_touch_date, today - timedelta(days=9)
        )
        self.assertEqual(self.customer.days_since_proactive_touch, 9)
        self.assertEqual(self.customer_contact.days_since_proactive_touch, 9)
        self.assertEqual(self.customer.last_activity_date, today)

    def test_never_touched_account(self):
        self._touch(self.customer, fields.Datetime.now(), self.support_type)
        self.assertFalse(self.customer.last_proactive_touch_date)
        self.assertEqual(self.customer.days_since_proactive_touch, 0)


@tagged("post_install", "-at_install", "account_mgmt")
class TestHandover(AccountCoverageCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.successor = new_test_user(
            cls.env,
            login="am_successor",
            name="Sam Successor",
            groups="account_mgmt.group_account_mgmt_user",
            company_id=cls.env.company.id,
        )
        cls.book = cls.env["res.partner"].create(
            [
                {
                    "name": f"Book account {index}",
                    "is_company": True,
                    "account_manager_id": cls.account_manager.id,
                }
                for index in range(5)
            ]
        )

    def _wizard(self, **values):
        Wizard = self.env["account.mgmt.handover"].with_user(self.head_of_accounts)
        return Wizard.create({"to_user_id": self.successor.id, **values})

    def _handover_messages(self, account):
        return account.message_ids.filtered(lambda msg: "handed over" in str(msg.body))

    def test_handover_of_selected_accounts(self):
        moved = self.book[:3]
        wizard = (
            self.env["account.mgmt.handover"]
            .with_user(self.head_of_accounts)
            .with_context(active_model="res.partner", active_ids=moved.ids)
            .create(
                {
                    "to_user_id": self.successor.id,
                    "reason": "Alice moves to key accounts",
                }
            )
        )
        self.assertEqual(wizard.scope, "selection")
        self.assertEqual(wizard.account_count, 3)
        wizard.action_hand_over()
        for account in moved:
            with self.subTest(account=account.name):
                self.assertEqual(account.account_manager_id, self.successor)
                messages = self._handover_messages(account)
                self.assertEqual(len(messages), 1)
                self.assertIn(
                    "Account handed over from Alice Account Manager to Sam Successor.",
                    str(messages.body),
                )
                self.assertIn("Reason: Alice moves to key accounts", str(messages.body))
                self.assertEqual(messages.author_id, self.head_of_accounts.partner_id)
        for account in self.book[3:]:
            with self.subTest(account=account.name):
                self.assertEqual(account.account_manager_id, self.account_manager)
                self.assertFalse(self._handover_messages(account))

    def test_handover_of_whole_book(self):
        contact = self.env["res.partner"].create(
            {"name": "Book contact", "parent_id": self.book[0].id}
        )
        wizard = self._wizard(scope="book", from_user_id=self.account_manager.id)
        self.assertEqual(wizard.account_count, 5)
        wizard.action_hand_over()
        self.assertEqual(self.book.account_manager_id, self.successor)
        self.assertEqual(contact.account_manager_id, self.successor)
        self.assertFalse(self._handover_messages(contact))

    def test_handover_to_same_manager_rejected(self):
        wizard = self._wizard(scope="book", from_user_id=self.successor.id)
        self.book[0].account_manager_id = self.successor
        with self.assertRaisesRegex(UserError, "both Sam Successor"):
            wizard.action_hand_over()

    def test_handover_of_empty_book_rejected(self):
        wizard = self._wizard(scope="book", from_user_id=self.head_of_accounts.id)
        with self.assertRaisesRegex(UserError, "no account to hand over"):
            wizard.action_hand_over()

    def test_account_manager_cannot_hand_over(self):
        with self.assertRaises(AccessError):
            self.env["account.mgmt.handover"].with_user(self.account_manager).create(
                {"to_user_id": self.successor.id}
            )


@tagged("post_install", "-at_install", "account_mgmt")
class TestEffortReport(AccountCoverageCommon):
    def test_effort_counts_per_tier_and_manager(self):
        this_month = fields.Date.context_today(self.customer).replace(day=1)
        month_1 = this_month - relativedelta(months=2)
        month_2 = this_month - relativedelta(months=1)
        earlier = this_month - relativedelta(months=5)
        Partner = self.env["res.partner"]
        big = Partner.create(
            {
                "name": "Big",
                "is_company": True,
                "tier_id": self.tier_1.id,
                "account_manager_id": self.account_manager.id,
            }
        )
        big_contact = Partner.create({"name": "Big buyer", "parent_id": big.id})
        small = Partner.create(
            {
                "name": "Small",
                "is_company": True,
                "tier_id": self.tier_3.id,
                "account_manager_id": self.account_manager.id,
            }
        )
        neglected = Partner.create(
            {
                "name": "Neglected",
                "is_company": True,
                "tier_id": self.tier_1.id,
                "account_manager_id": self.head_of_accounts.id,
            }
        )
        lead = self.env["crm.lead"].create(
            {"name": "Upsell", "type": "opportunity", "partner_id": big_contact.id}
        )

        def at(day, month):
            return at_noon(month + timedelta(days=day - 1))

        self._touch(big, at(3, month_1))
        self._touch(big_contact, at(15, month_2))
        self._touch(lead, at(20, month_2))
        self._touch(small, at(1, month_1))
        # A reactive activity and a touch outside the period do not count.
        self._touch(neglected, at(10, month_1), self.support_type)
        self._touch(neglected, at(10, earlier))

        days = (this_month - month_1).days
        groups = (
            self.env["account.mgmt.touchpoint.report"]
            .with_user(self.account_manager)
            ._read_group(
                [
                    ("partner_id", "in", (big | small | neglected).ids),
                    ("date", ">=", month_1),
                    ("date", "<", this_month),
                ],
                ["tier_id", "manager_id"],
                ["touch_count:sum", "required_count:sum"],
            )
        )
        effort = {
            (tier, manager): (touches, round(required, 2))
            for tier, manager, touches, required in groups
        }
        self.assertEqual(
            effort,
            {
                (self.tier_1, self.account_manager): (3, round(days / 30, 2)),
                (self.tier_3, self.account_manager): (1, round(days / 120, 2)),
                (self.tier_1, self.head_of_accounts): (0, round(days / 30, 2)),
            },
        )

    def test_archived_account_requires_no_touch(self):
        account = self.env["res.partner"].create(
            {"name": "Closed down", "is_company": True, "tier_id": self.tier_1.id}
        )
        Report = self.env["account.mgmt.touchpoint.report"]
        self.assertTrue(Report.search_count([("partner_id", "=", account.id)]))
        account.action_archive()
        self.assertFalse(Report.search_count([("partner_id", "=", account.id)]))

    def test_report_hidden_without_account_group(self):
        with self.assertRaises(AccessError):
            self.env["account.mgmt.touchpoint.report"].with_user(
                self.plain_user
            ).search([])
