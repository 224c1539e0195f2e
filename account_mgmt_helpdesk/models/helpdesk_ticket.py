# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
import logging

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import email_normalize

_logger = logging.getLogger(__name__)


class HelpdeskTicket(models.Model):
    """Link each ticket to the customer account it is about."""

    _inherit = "helpdesk.ticket"

    account_id = fields.Many2one(
        "res.partner",
        compute="_compute_account_id",
        store=True,
        index="btree_not_null",
        help="Commercial entity of the ticket's contact or, for a ticket with "
        "only an email address, of the one contact with that address.",
    )
    account_match = fields.Selection(
        [
            ("contact", "Contact"),
            ("email", "Email Address"),
            ("ambiguous", "Several Accounts"),
            ("none", "Unmatched"),
        ],
        compute="_compute_account_id",
        store=True,
        help="How the ticket was linked to its account. Unmatched and ambiguous "
        "tickets are listed under Account Management so that nobody drops them.",
    )

    @api.depends("partner_id.commercial_partner_id", "partner_email")
    def _compute_account_id(self):
        by_email = self.filtered(lambda ticket: not ticket.partner_id)
        for ticket in self - by_email:
            ticket.account_id = ticket.partner_id.commercial_partner_id
            ticket.account_match = "contact"
        accounts_by_email = self._accounts_by_email(by_email.mapped("partner_email"))
        for ticket in by_email:
            accounts = accounts_by_email.get(
                email_normalize(ticket.partner_email or "")
            )
            if not accounts:
                ticket.account_id = False
                ticket.account_match = "none"
            elif len(accounts) > 1:
                ticket.account_id = False
                ticket.account_match = "ambiguous"
            else:
                ticket.account_id = accounts
                ticket.account_match = "email"

    @api.model
    def _accounts_by_email(self, emails):
        """Map normalized email addresses to the accounts of contacts using them.

        Archived contacts count too: a ticket from a former contact still
        belongs to the account.
        """
        normalized = {email_normalize(email) for email in emails if email} - {False}
        if not normalized:
            return {}
        contacts = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_fetch(
                [("email_normalized", "in", list(normalized))],
                ["email_normalized", "commercial_partner_id"],
            )
        )
        result = {}
        for contact in contacts:
            accounts = result.get(contact.email_normalized, self.env["res.partner"])
            result[contact.email_normalized] = accounts | contact.commercial_partner_id
        return result

    @api.model
    def _cron_match_ticket_accounts(self, batch_size=500):
        """Match again the tickets left without an account.

        Contacts added after a ticket arrived can make it matchable. Batches
        are committed through the cron progress API, so a killed run resumes.
        """
        domain = Domain("account_match", "in", ("none", "ambiguous")) & Domain(
            "partner_email", "!=", False
        )
        remaining = self.search_count(domain)
        _logger.info("Ticket account matching started: %s tickets to match", remaining)
        matched = 0
        last_id = 0
        while True:
            tickets = self.search(
                domain & Domain("id", ">", last_id), order="id", limit=batch_size
            )
            if not tickets:
                break
            last_id = tickets[-1].id
            tickets._compute_account_id()
            matched += len(tickets.filtered("account_id"))
            remaining = self.search_count(domain & Domain("id", ">", last_id))
            if not self.env["ir.cron"]._commit_progress(
                len(tickets), remaining=remaining
            ):
                break
        _logger.info("Ticket account matching done: %s tickets matched", matched)
