# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo.tools import SQL

from odoo.addons.account_mgmt.tests.common import AccountMgmtCommon


class HelpdeskAccountCommon(AccountMgmtCommon):
    """Accounts, ticket stages and helpers to create dated tickets."""

    @classmethod
    def get_default_groups(cls):
        return super().get_default_groups() | cls.quick_ref(
            "helpdesk_mgmt.group_helpdesk_manager"
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_contact.email = "Jane.Buyer@acme.example"
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Globex", "is_company": True}
        )
        Stage = cls.env["helpdesk.ticket.stage"]
        cls.stage_open = Stage.create({"name": "Open (test)", "closed": False})
        cls.stage_done = Stage.create({"name": "Done (test)", "closed": True})

    def _ticket(self, partner=None, email=None, priority="1", **values):
        return self.env["helpdesk.ticket"].create(
            {
                "name": "Printer on fire",
                "description": "<p>It is on fire.</p>",
                "partner_id": partner.id if partner else False,
                "partner_email": email,
                "priority": priority,
                "stage_id": self.stage_open.id,
                **values,
            }
        )

    def _set_dates(self, ticket, created, closed=None):
        # create_date is set by the ORM on insert: tests move it in SQL, after
        # flushing the stage change that stamps closed_date with now.
        ticket.flush_recordset()
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_ticket SET create_date = %s, closed_date = %s "
                "WHERE id = %s",
                created,
                closed,
                ticket.id,
            )
        )
        ticket.invalidate_recordset(["create_date", "closed_date"])

    def _dated_ticket(self, partner, created, closed=None, priority="1"):
        """Create a ticket of ``partner`` opened at ``created``, closed if given."""
        ticket = self._ticket(partner=partner, priority=priority)
        if closed:
            ticket.stage_id = self.stage_done
        self._set_dates(ticket, created, closed)
        return ticket
