# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict
from datetime import timedelta

from odoo import fields, models

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"


class ResPartner(models.Model):
    """Account overview: the live figures behind the smart buttons of an account.

    Each figure is read for the accounts of the current company with one
    grouped query per figure, whatever the number of partners, and credits
    the documents of an account's contacts to the account.
    """

    _inherit = "res.partner"

    sale_amount_12m = fields.Monetary(
        string="Sales 12 Months",
        compute="_compute_account_overview",
        groups=ACCOUNT_GROUP,
        help="Untaxed amount of the sale orders confirmed in the last 12 months "
        "in the current company, in its currency.",
    )
    invoiced_amount_12m = fields.Monetary(
        string="Invoiced 12 Months",
        compute="_compute_account_overview",
        groups=ACCOUNT_GROUP,
        help="Untaxed posted invoices minus credit notes of the last 12 months "
        "in the current company, by invoice date.",
    )
    overdue_amount = fields.Monetary(
        string="Overdue Receivable",
        compute="_compute_account_overview",
        groups=ACCOUNT_GROUP,
        help="Amount still due on posted customer invoices past their due date "
        "in the current company, net of open credit notes.",
    )
    pipeline_amount = fields.Monetary(
        string="Open Pipeline",
        compute="_compute_account_overview",
        groups=ACCOUNT_GROUP,
        help="Expected revenue of the open opportunities of the current company.",
    )
    account_activity_count = fields.Integer(
        string="Planned Activities",
        compute="_compute_account_overview",
        groups=ACCOUNT_GROUP,
        help="Open activities on the account and its contacts.",
    )
    renewal_ids = fields.One2many(
        "account.mgmt.renewal",
        "partner_id",
        string="Renewal Cycles",
        groups=ACCOUNT_GROUP,
    )
    open_renewal_id = fields.Many2one(
        "account.mgmt.renewal",
        compute="_compute_account_overview",
        groups=ACCOUNT_GROUP,
        help="Open renewal cycle of the account in the current company.",
    )
    open_renewal_end_date = fields.Date(
        string="Renewal Due",
        compute="_compute_account_overview",
        groups=ACCOUNT_GROUP,
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_account_overview(self):
        # Unsaved records (onchange) read the figures of their saved account.
        accounts = self.commercial_partner_id._origin
        company = self.env.company
        figures = defaultdict(lambda: defaultdict(float))
        if accounts.ids:
            self._account_overview_read(accounts, company, figures)
        renewals = self.env["account.mgmt.renewal"].browse(
            {int(f["renewal"]) for f in figures.values() if f["renewal"]}
        )
        for partner in self:
            values = figures[partner.commercial_partner_id._origin.id]
            renewal = renewals.browse(int(values["renewal"]) or [])
            partner.sale_amount_12m = values["sales"]
            partner.invoiced_amount_12m = values["invoiced"]
            partner.overdue_amount = values["overdue"]
            partner.pipeline_amount = values["pipeline"]
            partner.account_activity_count = int(values["activities"])
            partner.open_renewal_id = renewal
            partner.open_renewal_end_date = renewal.end_date

    def _account_overview_read(self, accounts, company, figures):
        """Fill ``figures[account id][key]`` with one grouped query per figure."""
        date_from, date_to = self._revenue_window()
        # Totals only: the account manager may lack the sales and invoicing
        # rights that would let them open each document, and still needs the sum.
        sales = (
            self.env["sale.report"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", accounts.ids),
                    ("company_id", "=", company.id),
                    ("state", "=", "sale"),
                    ("date", ">=", fields.Datetime.to_datetime(date_from)),
                    (
                        "date",
                        "<",
                        fields.Datetime.to_datetime(date_to) + timedelta(days=1),
                    ),
                ],
                ["commercial_partner_id"],
                ["price_subtotal:sum"],
            )
        )
        for account, amount in sales:
            figures[account.id]["sales"] = amount
        invoiced = (
            self.env["account.mgmt.revenue.report"]
            .sudo()
            ._read_group(
                [
                    ("partner_id", "in", accounts.ids),
                    ("company_id", "=", company.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                ["partner_id"],
                ["amount:sum"],
            )
        )
        for account, amount in invoiced:
            figures[account.id]["invoiced"] = amount
        overdue = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("commercial_partner_id", "in", accounts.ids),
                    ("company_id", "=", company.id),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("payment_state", "in", ("not_paid", "partial")),
                    ("invoice_date_due", "<", date_to),
                ],
                ["commercial_partner_id"],
                ["amount_residual_signed:sum"],
            )
        )
        for account, amount in overdue:
            figures[account.id]["overdue"] = amount
        pipeline = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("partner_id.commercial_partner_id", "in", accounts.ids),
                    ("company_id", "in", (company.id, False)),
                    ("type", "=", "opportunity"),
                    ("won_status", "=", "pending"),
                ],
                ["partner_id"],
                ["expected_revenue:sum"],
            )
        )
        for partner, amount in pipeline:
            figures[partner.commercial_partner_id.id]["pipeline"] += amount
        activities = (
            self.env["mail.activity"]
            .sudo()
            ._read_group(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", self._account_and_contact_ids(accounts)),
                ],
                ["res_id"],
                ["__count"],
            )
        )
        owners = self.browse([res_id for res_id, _count in activities])
        account_of = {owner.id: owner.commercial_partner_id.id for owner in owners}
        for res_id, count in activities:
            figures[account_of[res_id]]["activities"] += count
        renewals = self.env["account.mgmt.renewal"]._read_group(
            [
                ("partner_id", "in", accounts.ids),
                ("company_id", "=", company.id),
                ("state", "=", "open"),
            ],
            ["partner_id"],
            ["id:max"],
        )
        for account, renewal_id in renewals:
            figures[account.id]["renewal"] = renewal_id

    def _account_and_contact_ids(self, accounts):
        """Return the ids of ``accounts`` and of every contact under them."""
        contacts = self.with_context(active_test=False).search(
            [("commercial_partner_id", "in", accounts.ids)]
        )
        return contacts.ids

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _account_action(self, xml_id, domain, context=None, name=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action["domain"] = domain
        action["context"] = context or {}
        if name:
            action["name"] = name
        return action

    def action_view_account_sales(self):
        account = self.commercial_partner_id
        date_from, _date_to = self._revenue_window()
        return self._account_action(
            "sale.action_orders",
            [
                ("partner_id.commercial_partner_id", "=", account.id),
                ("state", "=", "sale"),
                ("date_order", ">=", fields.Datetime.to_datetime(date_from)),
            ],
            {"default_partner_id": account.id},
        )

    def action_view_account_invoices(self):
        account = self.commercial_partner_id
        date_from, _date_to = self._revenue_window()
        return self._account_action(
            "account.action_move_out_invoice_type",
            [
                ("commercial_partner_id", "=", account.id),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("invoice_date", ">=", date_from),
            ],
            {"default_move_type": "out_invoice"},
        )

    def action_view_account_overdue(self):
        account = self.commercial_partner_id
        return self._account_action(
            "account.action_move_out_invoice_type",
            [
                ("commercial_partner_id", "=", account.id),
                ("move_type", "in", ("out_invoice", "out_refund")),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", fields.Date.context_today(self)),
            ],
            name=self.env._("Overdue Invoices"),
        )

    def action_view_account_opportunities(self):
        account = self.commercial_partner_id
        return self._account_action(
            "crm.crm_lead_opportunities",
            [
                ("partner_id.commercial_partner_id", "=", account.id),
                ("type", "=", "opportunity"),
                ("won_status", "=", "pending"),
            ],
            {"default_partner_id": account.id, "default_type": "opportunity"},
        )

    def action_view_account_activities(self):
        account = self.commercial_partner_id
        return self._account_action(
            "mail.mail_activity_action",
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", self._account_and_contact_ids(account)),
            ],
            name=self.env._("Activities of %(account)s", account=account.name),
        )

    def action_open_current_plan(self):
        self.ensure_one()
        plan = self.commercial_partner_id.current_account_plan_id
        if not plan:
            return self.commercial_partner_id.action_view_account_plans()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.mgmt.plan",
            "res_id": plan.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_open_renewal(self):
        self.ensure_one()
        account = self.commercial_partner_id
        renewal = account.open_renewal_id
        if renewal:
            return {
                "type": "ir.actions.act_window",
                "res_model": "account.mgmt.renewal",
                "res_id": renewal.id,
                "view_mode": "form",
                "views": [(False, "form")],
            }
        return self._account_action(
            "account_mgmt.account_mgmt_renewal_action",
            [("partner_id", "=", account.id)],
            {"default_partner_id": account.id},
        )
