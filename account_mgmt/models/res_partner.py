# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    """Customer accounts: the commercial entities we sell to, and who manages them."""

    _inherit = "res.partner"

    account_manager_id = fields.Many2one(
        "res.users",
        compute="_compute_account_manager_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        domain=[("share", "=", False)],
        help="User in charge of keeping and growing this account. "
        "Defaults to the salesperson; contacts show their company's manager.",
    )
    account_backup_manager_id = fields.Many2one(
        "res.users",
        string="Backup Manager",
        index="btree_not_null",
        tracking=True,
        domain=[("share", "=", False)],
        help="User who replaces the account manager during absences and handovers.",
    )
    tier_id = fields.Many2one(
        "account.mgmt.tier",
        index="btree_not_null",
        tracking=True,
        ondelete="restrict",
    )
    is_customer_account = fields.Boolean(
        string="Customer Account",
        compute="_compute_is_customer_account",
        search="_search_is_customer_account",
        help="Commercial entity with a posted customer invoice or credit note, "
        "or a confirmed sale order, in one of the selected companies.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("user_id")
    def _compute_account_manager_id(self):
        for partner in self:
            if not partner.account_manager_id:
                partner.account_manager_id = partner.user_id

    def _compute_is_customer_account(self):
        account_ids = set()
        if self.ids:
            account_ids = set(self._customer_account_query(self.ids))
        for partner in self:
            partner.is_customer_account = partner.id in account_ids

    def _search_is_customer_account(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        self._flush_customer_account_sources()
        subquery = self._customer_account_sql()
        if (operator == "in") == (True in value):
            return [("id", "in", subquery)]
        return [("id", "not in", subquery)]

    # ------------------------------------------------------------
    # TOOLING
    # ------------------------------------------------------------

    def _customer_account_sql(self, partner_ids=None):
        """Return the SQL selecting the ids of customer accounts.

        An account is a commercial entity with a posted customer invoice or
        credit note, or a confirmed sale order, in one of the active companies.
        """
        company_ids = tuple(self.env.companies.ids)
        restrict = SQL("AND p.id IN %s", tuple(partner_ids)) if partner_ids else SQL()
        return SQL(
            """
            SELECT p.id
              FROM res_partner p
             WHERE p.id = p.commercial_partner_id %(restrict)s
               AND (
                   EXISTS (
                       SELECT 1
                         FROM account_move move
                        WHERE move.commercial_partner_id = p.id
                          AND move.state = 'posted'
                          AND move.move_type IN ('out_invoice', 'out_refund')
                          AND move.company_id IN %(company_ids)s
                   )
                   OR EXISTS (
                       SELECT 1
                         FROM sale_order so
                         JOIN res_partner customer ON customer.id = so.partner_id
                        WHERE customer.commercial_partner_id = p.id
                          AND so.state = 'sale'
                          AND so.company_id IN %(company_ids)s
                   )
               )
            """,
            restrict=restrict,
            company_ids=company_ids,
        )

    def _flush_customer_account_sources(self):
        self.env["account.move"].flush_model(
            ["commercial_partner_id", "state", "move_type", "company_id"]
        )
        self.env["sale.order"].flush_model(["partner_id", "state", "company_id"])
        self.flush_model(["commercial_partner_id"])

    def _customer_account_query(self, partner_ids):
        self._flush_customer_account_sources()
        rows = self.env.execute_query(self._customer_account_sql(partner_ids))
        return [row[0] for row in rows]

    @api.model
    def _commercial_fields(self):
        return [
            *super()._commercial_fields(),
            "account_manager_id",
            "account_backup_manager_id",
            "tier_id",
        ]
