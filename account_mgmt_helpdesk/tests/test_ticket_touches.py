# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo.tests import tagged

from .common import HelpdeskAccountCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestTicketTouches(HelpdeskAccountCommon):
    """Work on the account's tickets counts as reactive contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proactive_type = cls.env["mail.activity.type"].create(
            {"name": "Business review", "is_proactive": True}
        )

    def _proactive_touch(self):
        self.env["mail.message"].create(
            {
                "model": "res.partner",
                "res_id": self.customer.id,
                "message_type": "comment",
                "body": "Quarterly review",
                "mail_activity_type_id": self.proactive_type.id,
            }
        )

    def _touches(self):
        return (
            self.env["res.partner"]
            ._touch_counts(self.customer.ids)
            .get(self.customer.id)
        )

    def test_ticket_work_counts_as_reactive(self):
        self._proactive_touch()
        self.assertEqual(self._touches(), (1, 1))
        by_email = self._ticket(email="jane.buyer@acme.example")
        by_contact = self._ticket(partner=self.customer_contact)
        self.assertEqual(self._touches(), (1, 1))
        # An email from the client on a ticket matched by address only.
        by_email.message_post(
            body="Still broken", message_type="email", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(self._touches(), (2, 1))
        # A reply to the client on the contact's ticket.
        by_contact.message_post(
            body="We are on it", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        self.assertEqual(self._touches(), (3, 1))
        # A completed activity on the contact's ticket.
        by_contact.activity_schedule(
            "mail.mail_activity_data_todo", summary="Call back"
        ).action_feedback(feedback="Called back")
        self.assertEqual(self._touches(), (4, 1))
        as_manager = self.customer.with_user(self.account_manager)
        self.assertEqual(as_manager.proactive_touch_share, 25)

    def test_internal_notes_on_tickets_do_not_count(self):
        self._proactive_touch()
        ticket = self._ticket(partner=self.customer_contact)
        ticket.message_post(
            body="Asked the vendor",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        touches = self.env["res.partner"]._touch_counts(self.customer.ids)
        self.assertEqual(touches[self.customer.id], (1, 1))
        self.assertEqual(self.customer.proactive_touch_share, 100)

    def test_other_account_tickets_do_not_count(self):
        ticket = self._ticket(partner=self.other_customer)
        ticket.message_post(
            body="Hello", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        touches = self.env["res.partner"]._touch_counts(self.customer.ids)
        self.assertNotIn(self.customer.id, touches)
