# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain


class AccountMgmtHandover(models.TransientModel):
    """Hand accounts over to another account manager.

    Moves either the whole book of a manager or the selected accounts, and
    logs the handover, with its reason, in the chatter of each account.
    """

    _name = "account.mgmt.handover"
    _description = "Account Handover"

    scope = fields.Selection(
        [("book", "Whole book of a manager"), ("selection", "Selected accounts")],
        required=True,
        default=lambda self: self._default_scope(),
    )
    from_user_id = fields.Many2one(
        "res.users",
        string="Current Manager",
        domain=[("share", "=", False)],
        help="Manager whose whole book is handed over.",
    )
    to_user_id = fields.Many2one(
        "res.users",
        string="New Manager",
        required=True,
        domain=[("share", "=", False)],
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Accounts",
        default=lambda self: self._default_partner_ids(),
        help="Accounts handed over when the scope is the selection.",
    )
    reason = fields.Text(help="Logged in the chatter of every account handed over.")
    account_count = fields.Integer(
        string="Accounts To Hand Over", compute="_compute_account_count"
    )

    # ------------------------------------------------------------
    # DEFAULTS
    # ------------------------------------------------------------

    def _default_partner_ids(self):
        if self.env.context.get("active_model") != "res.partner":
            return self.env["res.partner"]
        active_ids = self.env.context.get("active_ids") or []
        return self.env["res.partner"].browse(active_ids).commercial_partner_id

    def _default_scope(self):
        return "selection" if self._default_partner_ids() else "book"

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("scope", "from_user_id", "partner_ids")
    def _compute_account_count(self):
        for wizard in self:
            wizard.account_count = len(wizard._get_accounts())

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_hand_over(self):
        """Give the accounts in scope to the new manager and log it on each."""
        self.ensure_one()
        accounts = self._get_accounts()
        self._check_handover(accounts)
        previous_managers = {
            account.id: account.account_manager_id for account in accounts
        }
        accounts.write({"account_manager_id": self.to_user_id.id})
        for account in accounts:
            account.message_post(
                body=self._prepare_message_body(previous_managers[account.id]),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return {"type": "ir.actions.act_window_close"}

    # ------------------------------------------------------------
    # TOOLING
    # ------------------------------------------------------------

    def _get_accounts(self):
        """Return the commercial entities the handover moves."""
        self.ensure_one()
        if self.scope == "selection":
            return self.partner_ids.commercial_partner_id
        if not self.from_user_id:
            return self.env["res.partner"]
        commercial = Domain("is_company", "=", True) | Domain("parent_id", "=", False)
        return self.env["res.partner"].search(
            Domain("account_manager_id", "=", self.from_user_id.id) & commercial
        )

    def _check_handover(self, accounts):
        if self.scope == "book" and not self.from_user_id:
            raise UserError(self.env._("Select the manager whose book is handed over."))
        if self.scope == "book" and self.from_user_id == self.to_user_id:
            raise UserError(
                self.env._(
                    "The current and the new manager are both %(user)s: "
                    "choose another new manager.",
                    user=self.to_user_id.name,
                )
            )
        if not accounts:
            raise UserError(
                self.env._(
                    "There is no account to hand over: select accounts, or a "
                    "manager who manages at least one account."
                )
            )

    def _prepare_message_body(self, previous_manager):
        body = self.env._(
            "Account handed over from %(previous)s to %(new)s.",
            previous=previous_manager.name or self.env._("no manager"),
            new=self.to_user_id.name,
        )
        if self.reason:
            body = Markup("%s<br/>%s") % (
                body,
                self.env._("Reason: %(reason)s", reason=self.reason),
            )
        return body
