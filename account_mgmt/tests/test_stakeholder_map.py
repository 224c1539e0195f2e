# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime

from odoo.tests import tagged

from .account_plan_common import AccountPlanCommon

ALL_GAPS = ["no_decision_maker", "no_champion", "no_budget_holder", "single_threaded"]


@tagged("post_install", "-at_install", "account_mgmt")
class TestStakeholderGaps(AccountPlanCommon):
    """Each stakeholder gap rule, checked on an account of its own."""

    def _account(self, name="Gap Corp"):
        return self.env["res.partner"].create({"name": name, "is_company": True})

    def _gaps(self, account):
        return account._get_stakeholder_gap_codes()[account.id]

    def test_account_without_contacts_has_every_gap_but_blocker(self):
        account = self._account()
        self.assertEqual(self._gaps(account), ALL_GAPS)
        self.assertEqual(account.stakeholder_gap_count, 4)

    def test_covered_account_has_no_gap(self):
        account = self._account()
        self._cover_stakeholders(account)
        self.assertEqual(self._gaps(account), [])
        self.assertEqual(account.stakeholder_gap_count, 0)
        self.assertFalse(account.stakeholder_gaps)

    def test_each_missing_role_is_its_own_gap(self):
        cases = [
            ("decision_maker", "no_decision_maker"),
            ("champion", "no_champion"),
            ("budget_holder", "no_budget_holder"),
        ]
        for kind, gap in cases:
            with self.subTest(kind=kind):
                account = self._account(f"Missing {kind}")
                self._cover_stakeholders(account)
                contact = account.child_ids.filtered(
                    lambda c, kind=kind: kind in c.stakeholder_role_ids.mapped("kind")
                )
                contact.stakeholder_role_ids = self.roles["user"]
                self.assertEqual(self._gaps(account), [gap])

    def test_blocker_needs_a_mitigation(self):
        account = self._account()
        self._cover_stakeholders(account)
        blocker = self._contact(
            account, "Bob Blocker", ["blocker"], "operational", "weak"
        )
        self.assertEqual(self._gaps(account), ["blocker_without_mitigation"])
        blocker.stakeholder_mitigation = "   "
        self.assertEqual(self._gaps(account), ["blocker_without_mitigation"])
        blocker.stakeholder_mitigation = "Show him the migration plan first."
        self.assertEqual(self._gaps(account), [])

    def test_fewer_than_three_good_relationships_is_single_threaded(self):
        account = self._account()
        self._cover_stakeholders(account)
        account.child_ids.filtered(
            lambda c: c.name == "Bo Budget"
        ).relationship_strength = "weak"
        self.assertEqual(self._gaps(account), ["single_threaded"])

    def test_one_level_covered_is_single_threaded(self):
        account = self._account()
        self._cover_stakeholders(account)
        account.child_ids.stakeholder_level = "management"
        self.assertEqual(self._gaps(account), ["single_threaded"])
        # A fourth contact on another level helps only with a good relationship.
        extra = self._contact(account, "Olga Operator", ["user"], "operational", "weak")
        self.assertEqual(self._gaps(account), ["single_threaded"])
        extra.relationship_strength = "good"
        self.assertEqual(self._gaps(account), [])

    def test_archived_contact_does_not_count(self):
        account = self._account()
        self._cover_stakeholders(account)
        account.child_ids.filtered(lambda c: c.name == "Chris Champion").active = False
        self.assertEqual(self._gaps(account), ["no_champion", "single_threaded"])

    def test_contacts_have_no_gaps_of_their_own(self):
        account = self._account()
        contact = self._contact(
            account, "Dana Decider", ["decision_maker"], "executive"
        )
        self.assertEqual(contact._get_stakeholder_gap_codes(), {})
        self.assertEqual(contact.stakeholder_gap_count, 0)

    def test_stakeholder_role_on_a_company_is_rejected(self):
        account = self._account()
        with self.assertRejected("Gap Corp is not a contact"):
            account.stakeholder_role_ids = self.roles["champion"]
        self.assertFalse(account.stakeholder_role_ids)

    def test_stakeholder_level_on_a_lone_person_is_rejected(self):
        with self.assertRejected("Lonely Larry is not a contact"):
            self.env["res.partner"].create(
                {"name": "Lonely Larry", "stakeholder_level": "executive"}
            )
        self.assertFalse(
            self.env["res.partner"].search_count([("name", "=", "Lonely Larry")])
        )


@tagged("post_install", "-at_install", "account_mgmt")
class TestStakeholderInteraction(AccountPlanCommon):
    def _message(self, record, when, **values):
        message = record.message_post(
            body="Call notes", message_type="comment", **values
        )
        message.sudo().date = when
        return message

    def test_last_interaction_from_messages_on_and_by_contact(self):
        contact = self.customer_contact
        self.assertFalse(contact.last_interaction_date)
        self._message(contact, datetime(2026, 3, 10, 12, 0))
        contact.invalidate_recordset(["last_interaction_date"])
        self.assertEqual(contact.last_interaction_date, date(2026, 3, 10))
        # An email the contact wrote on the account counts as well.
        self._message(self.customer, datetime(2026, 4, 2, 9, 30), author_id=contact.id)
        contact.invalidate_recordset(["last_interaction_date"])
        self.assertEqual(contact.last_interaction_date, date(2026, 4, 2))

    def test_completed_activity_is_an_interaction(self):
        contact = self.customer_contact
        activity = contact.activity_schedule(
            "mail.mail_activity_data_call", summary="Quarterly call"
        )
        activity.action_feedback(feedback="Discussed renewal")
        message = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", contact.id)],
            order="id desc",
            limit=1,
        )
        message.sudo().date = datetime(2026, 5, 20, 15, 0)
        contact.invalidate_recordset(["last_interaction_date"])
        self.assertEqual(contact.last_interaction_date, date(2026, 5, 20))

    def test_stakeholder_map_action_groups_contacts_by_level(self):
        action = self.customer.action_open_stakeholder_map()
        self.assertEqual(action["context"]["group_by"], "stakeholder_level")
        contacts = self.env["res.partner"].search(action["domain"])
        self.assertEqual(contacts, self.customer_contact)


@tagged("post_install", "-at_install", "account_mgmt")
class TestStakeholderGapQueries(AccountPlanCommon):
    def test_gap_queries_do_not_grow_with_accounts(self):
        Partner = self.env["res.partner"]
        accounts = Partner.create(
            [{"name": f"Account {i}", "is_company": True} for i in range(6)]
        )
        for account in accounts:
            self._cover_stakeholders(account)
        for batch in (accounts[:2], accounts):
            with self.subTest(size=len(batch)):
                self.env.invalidate_all()
                batch = Partner.browse(batch.ids)
                with self.assertQueryCount(6):
                    gaps = batch._get_stakeholder_gap_codes()
                self.assertEqual(set(map(len, gaps.values())), {0})
