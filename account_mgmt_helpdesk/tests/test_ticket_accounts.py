# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
import ast
from datetime import date, datetime
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import HelpdeskAccountCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestTicketAccounts(HelpdeskAccountCommon):
    def test_contact_ticket_belongs_to_company(self):
        ticket = self._ticket(partner=self.customer_contact)
        self.assertEqual(ticket.account_id, self.customer)
        self.assertEqual(ticket.account_match, "contact")

    def test_email_ticket_matched_by_address(self):
        ticket = self._ticket(email="jane.buyer@ACME.example")
        self.assertEqual(ticket.account_id, self.customer)
        self.assertEqual(ticket.account_match, "email")

    def test_archived_contact_email_still_matches(self):
        self.customer_contact.active = False
        ticket = self._ticket(email="Jane Buyer <jane.buyer@acme.example>")
        self.assertEqual(ticket.account_id, self.customer)

    def test_unknown_email_listed_as_unmatched(self):
        ticket = self._ticket(email="stranger@nowhere.example")
        self.assertFalse(ticket.account_id)
        self.assertEqual(ticket.account_match, "none")
        action = self.env.ref("account_mgmt_helpdesk.helpdesk_ticket_action_unmatched")
        listed = self.env["helpdesk.ticket"].search(ast.literal_eval(action.domain))
        self.assertIn(ticket, listed)

    def test_email_of_two_companies_is_ambiguous(self):
        self.env["res.partner"].create(
            {
                "name": "Jane at Globex",
                "parent_id": self.other_customer.id,
                "email": "jane.buyer@acme.example",
            }
        )
        ticket = self._ticket(email="jane.buyer@acme.example")
        self.assertFalse(ticket.account_id)
        self.assertEqual(ticket.account_match, "ambiguous")

    def test_cron_matches_ticket_after_contact_added(self):
        ticket = self._ticket(email="new.person@acme.example")
        self.assertEqual(ticket.account_match, "none")
        self.env["res.partner"].create(
            {
                "name": "New Person",
                "parent_id": self.customer.id,
                "email": "new.person@acme.example",
            }
        )
        # Outside a cron run the progress API only commits: keep the test transaction.
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", return_value=float("inf")
        ):
            self.env["helpdesk.ticket"]._cron_match_ticket_accounts()
        self.assertEqual(ticket.account_id, self.customer)
        self.assertEqual(ticket.account_match, "email")

    def test_ticket_figures_per_account(self):
        today = date(2026, 6, 30)
        cases = [
            # (partner, email, priority, created, closed)
            (self.customer, None, "3", datetime(2026, 6, 20, 9), None),
            (self.customer_contact, None, "2", datetime(2026, 5, 1, 9), None),
            (None, "jane.buyer@acme.example", "1", datetime(2026, 4, 10, 9), None),
            (
                self.customer,
                None,
                "1",
                datetime(2026, 1, 1, 9),
                datetime(2026, 1, 3, 21),
            ),
            (
                self.customer,
                None,
                "3",
                datetime(2025, 9, 1, 9),
                datetime(2025, 9, 2, 9),
            ),
            (
                self.customer,
                None,
                "1",
                datetime(2024, 1, 1, 9),
                datetime(2024, 1, 2, 9),
            ),
            (self.other_customer, None, "3", datetime(2026, 6, 1, 9), None),
        ]
        for partner, email, priority, created, closed in cases:
            ticket = self._ticket(partner=partner, email=email, priority=priority)
            if closed:
                ticket.stage_id = self.stage_done
            self._set_dates(ticket, created, closed)
        figures = self.env["res.partner"]._ticket_figures(
            self.customer.ids, today=today
        )
        values = figures[self.customer.id]
        self.assertEqual(values["total"], 6)
        self.assertEqual(values["open"], 3)
        self.assertEqual(values["open_high"], 2)
        self.assertEqual(values["oldest_open_high_date"], datetime(2026, 5, 1, 9))
        # Last 90 days: 2026-04-02 to 2026-06-30.
        self.assertEqual(values["recent"], 3)
        # 2026-01-01 and 2025-09-01 fall in the 365 days before: 2 * 90 / 365.
        self.assertEqual(values["baseline_90d"], 0.49)
        # Closed in the last 12 months: 2.5 days and 1 day.
        self.assertEqual(values["avg_resolution_days"], 1.75)

    def test_empty_book_has_no_figures(self):
        self.assertEqual(self.env["res.partner"]._ticket_figures([]), {})
        self.assertEqual(self.other_customer.account_ticket_count, 0)
        self.assertEqual(self.other_customer.avg_resolution_days, 0.0)

    def test_ticket_counts_need_account_group(self):
        self._ticket(partner=self.customer_contact)
        self.assertEqual(
            self.customer.with_user(self.account_manager).open_ticket_count, 1
        )
        with self.assertRaises(AccessError):
            self.customer.with_user(self.plain_user).read(["open_ticket_count"])
