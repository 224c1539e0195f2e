# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"
# Priorities of helpdesk_mgmt counted as high: "High" and "Very High".
HIGH_PRIORITIES = ("2", "3")


class ResPartner(models.Model):
    """Support figures of an account, from the tickets linked to it."""

    _inherit = "res.partner"

    account_ticket_ids = fields.One2many(
        "helpdesk.ticket", "account_id", string="Tickets Linked to the Account"
    )
    account_ticket_count = fields.Integer(
        string="Account Tickets",
        compute="_compute_ticket_figures",
        groups=ACCOUNT_GROUP,
    )
    open_ticket_count = fields.Integer(
        string="Open Tickets", compute="_compute_ticket_figures", groups=ACCOUNT_GROUP
    )
    open_high_priority_ticket_count = fields.Integer(
        string="Open High-Priority Tickets",
        compute="_compute_ticket_figures",
        groups=ACCOUNT_GROUP,
    )
    recent_ticket_count = fields.Integer(
        string="Tickets Last 90 Days",
        compute="_compute_ticket_figures",
        groups=ACCOUNT_GROUP,
    )
    ticket_baseline_90d = fields.Float(
        string="Usual Tickets per 90 Days",
        compute="_compute_ticket_figures",
        groups=ACCOUNT_GROUP,
        help="Tickets opened in the 365 days before the last 90, scaled to 90 days: "
        "the account's own usual volume.",
    )
    avg_resolution_days = fields.Float(
        string="Average Resolution (Days)",
        compute="_compute_ticket_figures",
        groups=ACCOUNT_GROUP,
        help="Average days from opening to closing of the tickets closed in the "
        "last 12 months.",
    )

    def _compute_ticket_figures(self):
        figures = self._ticket_figures(self.commercial_partner_id.ids)
        for partner in self:
            values = figures.get(partner.commercial_partner_id.id, {})
            partner.account_ticket_count = values.get("total", 0)
            partner.open_ticket_count = values.get("open", 0)
            partner.open_high_priority_ticket_count = values.get("open_high", 0)
            partner.recent_ticket_count = values.get("recent", 0)
            partner.ticket_baseline_90d = values.get("baseline_90d", 0.0)
            partner.avg_resolution_days = values.get("avg_resolution_days", 0.0)

    @api.model
    def _ticket_figures(self, account_ids, today=None):
        """Return the support figures of accounts, in one query.

        :param account_ids: ids of commercial partners
        :param today: reference day (default: today)
        :return: {account id: {"total", "open", "open_high", "recent",
            "baseline_90d", "resolved", "avg_resolution_days",
            "oldest_open_high_date"}}; "resolved" counts the tickets closed
            in the last 12 months, those "avg_resolution_days" averages
        """
        if not account_ids:
            return {}
        today = today or fields.Date.context_today(self)
        recent_start = today - timedelta(days=89)
        baseline_start = recent_start - timedelta(days=365)
        year_start = today - timedelta(days=364)
        self.env["helpdesk.ticket"].flush_model(
            [
                "account_id",
                "stage_id",
                "priority",
                "create_date",
                "closed_date",
                "active",
            ]
        )
        self.env["helpdesk.ticket.stage"].flush_model(["closed"])
        rows = self.env.execute_query_dict(
            SQL(
                """
                SELECT ticket.account_id,
                       COUNT(*) AS total,
                       COUNT(*) FILTER (
                           WHERE NOT COALESCE(stage.closed, FALSE)
                       ) AS open,
                       COUNT(*) FILTER (
                           WHERE NOT COALESCE(stage.closed, FALSE)
                             AND ticket.priority IN %(high)s
                       ) AS open_high,
                       MIN(ticket.create_date) FILTER (
                           WHERE NOT COALESCE(stage.closed, FALSE)
                             AND ticket.priority IN %(high)s
                       ) AS oldest_open_high_date,
                       COUNT(*) FILTER (
                           WHERE ticket.create_date::date >= %(recent_start)s
                       ) AS recent,
                       COUNT(*) FILTER (
                           WHERE ticket.create_date::date >= %(baseline_start)s
                             AND ticket.create_date::date < %(recent_start)s
                       ) AS baseline,
                       COUNT(*) FILTER (
                           WHERE COALESCE(stage.closed, FALSE)
                             AND ticket.closed_date::date >= %(year_start)s
                       ) AS resolved,
                       AVG(
                           EXTRACT(EPOCH FROM ticket.closed_date - ticket.create_date)
                           / 86400.0
                       ) FILTER (
                           WHERE COALESCE(stage.closed, FALSE)
                             AND ticket.closed_date::date >= %(year_start)s
                       ) AS avg_resolution_days
                  FROM helpdesk_ticket ticket
                  LEFT JOIN helpdesk_ticket_stage stage ON stage.id = ticket.stage_id
                 WHERE ticket.account_id IN %(account_ids)s
                   AND ticket.active
                   AND ticket.create_date::date <= %(today)s
                 GROUP BY ticket.account_id
                """,
                high=HIGH_PRIORITIES,
                recent_start=recent_start,
                baseline_start=baseline_start,
                year_start=year_start,
                today=today,
                account_ids=tuple(account_ids),
            )
        )
        return {
            row["account_id"]: {
                "total": row["total"],
                "open": row["open"],
                "open_high": row["open_high"],
                "oldest_open_high_date": row["oldest_open_high_date"],
                "recent": row["recent"],
                "baseline_90d": round(row["baseline"] * 90 / 365, 2),
                "resolved": row["resolved"],
                "avg_resolution_days": round(
                    float(row["avg_resolution_days"] or 0.0), 2
                ),
            }
            for row in rows
        }

    def action_view_account_tickets(self):
        """Open the tickets of the account, its contacts' and email-matched ones."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_mgmt.helpdesk_ticket_action"
        )
        action["domain"] = [("account_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action
