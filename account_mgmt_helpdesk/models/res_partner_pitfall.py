# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import models
from odoo.tools import SQL


class ResPartner(models.Model):
    """Ticket work is reactive contact with the account."""

    _inherit = "res.partner"

    def _reactive_touch_models(self):
        # Tickets are counted below through their account, which also covers
        # tickets matched by email address only.
        models_ = super()._reactive_touch_models()
        return tuple(name for name in models_ if name != "helpdesk.ticket")

    def _reactive_record_touches(self, account_ids, since):
        """Add the ticket touches of the accounts: all reactive.

        A touch on a ticket is a completed activity, or a message exchanged
        with the client (an email in or out, or a posted reply). Internal
        notes and tracking messages are work we do alone, so they do not
        count.
        """
        rows = super()._reactive_record_touches(account_ids, since)
        rows += self.env.execute_query(
            SQL(
                """
                SELECT ticket.account_id, COUNT(*)
                  FROM mail_message msg
                  JOIN helpdesk_ticket ticket
                    ON msg.model = 'helpdesk.ticket' AND msg.res_id = ticket.id
                  LEFT JOIN mail_message_subtype subtype
                    ON subtype.id = msg.subtype_id
                 WHERE ticket.account_id IN %(ids)s
                   AND msg.date >= %(since)s
                   AND (
                       msg.mail_activity_type_id IS NOT NULL
                       OR msg.message_type IN ('email', 'email_outgoing')
                       OR (
                           msg.message_type = 'comment'
                           AND subtype.id IS NOT NULL
                           AND NOT COALESCE(subtype.internal, FALSE)
                       )
                   )
                 GROUP BY 1
                """,
                ids=tuple(account_ids),
                since=since,
            )
        )
        return rows
