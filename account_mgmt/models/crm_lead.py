# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .account_mgmt_plan import EXPANSION_KINDS

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"


class CrmLead(models.Model):
    """Opportunities typed by how they grow an account, linked to account plans."""

    _inherit = "crm.lead"

    opportunity_kind = fields.Selection(
        [
            ("upsell", "Upsell"),
            ("cross_sell", "Cross-sell"),
            ("renewal", "Renewal"),
            ("new_business", "New Business"),
        ],
        string="Opportunity Type",
        index=True,
        tracking=True,
    )
    account_plan_id = fields.Many2one(
        "account.mgmt.plan",
        string="Account Plan",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        groups=ACCOUNT_GROUP,
        ondelete="set null",
    )
    plan_goal_id = fields.Many2one(
        "account.mgmt.plan.goal",
        string="Plan Goal",
        index="btree_not_null",
        groups=ACCOUNT_GROUP,
        domain="[('plan_id', '=', account_plan_id)]",
        ondelete="set null",
    )
    is_expansion_despite_risk = fields.Boolean(
        string="Expansion Despite Risk",
        readonly=True,
        copy=False,
        tracking=True,
        help="Upsell or cross-sell created while the account was in critical "
        "health or had an open high-severity risk.",
    )

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("account_plan_id", "plan_goal_id", "partner_id")
    def _check_account_plan(self):
        for lead in self.sudo():
            plan = lead.account_plan_id
            if lead.plan_goal_id and lead.plan_goal_id.plan_id != plan:
                raise ValidationError(
                    self.env._(
                        "The goal %(goal)s belongs to the plan %(goal_plan)s, not to "
                        "%(plan)s. Link the opportunity to the goal's plan.",
                        goal=lead.plan_goal_id.name,
                        goal_plan=lead.plan_goal_id.plan_id.name,
                        plan=plan.name or "-",
                    )
                )
            if plan and lead.partner_id.commercial_partner_id != plan.partner_id:
                raise ValidationError(
                    self.env._(
                        "The opportunity %(lead)s is for %(customer)s but the plan "
                        "%(plan)s is for %(account)s. Pick a plan of the customer's "
                        "account.",
                        lead=lead.name,
                        customer=lead.partner_id.display_name or "-",
                        plan=plan.name,
                        account=plan.partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------
    # ONCHANGE
    # ------------------------------------------------------------

    @api.onchange("opportunity_kind", "partner_id")
    def _onchange_opportunity_kind_expansion(self):
        if self.opportunity_kind not in EXPANSION_KINDS or not self.partner_id:
            return None
        warnings = self.partner_id._get_expansion_warnings(self.company_id or None)
        if not warnings:
            return None
        return {
            "warning": {
                "title": self.env._("Expansion despite risk"),
                "message": "\n".join(
                    [
                        *warnings,
                        self.env._("Saving flags the opportunity for managers."),
                    ]
                ),
            }
        }

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        leads._flag_expansion_despite_risk()
        return leads

    def write(self, vals):
        result = super().write(vals)
        if {"opportunity_kind", "partner_id"} & set(vals):
            self._flag_expansion_despite_risk()
        return result

    # ------------------------------------------------------------
    # TOOLING
    # ------------------------------------------------------------

    def _flag_expansion_despite_risk(self):
        """Flag and log upsells and cross-sells made for accounts in trouble.

        The account plan asks for a confirmation before it creates one; an
        opportunity typed by hand gets the onchange warning instead. Either
        way the opportunity is flagged and the reasons land in its chatter.
        """
        for lead in self:
            if (
                lead.is_expansion_despite_risk
                or lead.opportunity_kind not in EXPANSION_KINDS
            ):
                continue
            if not lead.partner_id:
                continue
            warnings = lead.partner_id._get_expansion_warnings(lead.company_id or None)
            if not warnings:
                continue
            lead.is_expansion_despite_risk = True
            lead.message_post(
                body=self.env._(
                    "%(user)s confirmed this expansion despite: %(reasons)s",
                    user=self.env.user.name,
                    reasons=" ".join(warnings),
                ),
                subtype_xmlid="mail.mt_note",
            )
