# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models

from .account_mgmt_plan_risk import HIGH_SEVERITY

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"


class ResPartner(models.Model):
    """Account plans of an account and its handover readiness."""

    _inherit = "res.partner"

    account_plan_ids = fields.One2many(
        "account.mgmt.plan", "partner_id", string="Account Plans", groups=ACCOUNT_GROUP
    )
    account_plan_count = fields.Integer(
        compute="_compute_current_account_plan", groups=ACCOUNT_GROUP
    )
    current_account_plan_id = fields.Many2one(
        "account.mgmt.plan",
        string="Current Plan",
        compute="_compute_current_account_plan",
        groups=ACCOUNT_GROUP,
    )
    plan_completeness_score = fields.Integer(
        string="Handover Readiness",
        compute="_compute_current_account_plan",
        search="_search_plan_completeness_score",
        groups=ACCOUNT_GROUP,
        help="Handover readiness of the account's current plan; 0 without a plan.",
    )
    plan_completeness_missing = fields.Text(
        string="Missing for Handover",
        compute="_compute_current_account_plan",
        groups=ACCOUNT_GROUP,
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_current_account_plan(self):
        Plan = self.env["account.mgmt.plan"]
        accounts = self.commercial_partner_id.filtered("id")
        counts = {}
        if accounts:
            counts = dict(
                Plan._read_group(
                    [("partner_id", "in", accounts.ids)], ["partner_id"], ["__count"]
                )
            )
        current_plans = Plan._get_current_plans(accounts)
        no_plan = self.env._("No account plan for the current period")
        for partner in self:
            account = partner.commercial_partner_id
            plan = current_plans.get(account.id, Plan)
            partner.current_account_plan_id = plan
            partner.account_plan_count = counts.get(account, 0)
            partner.plan_completeness_score = plan.completeness_score if plan else 0
            partner.plan_completeness_missing = (
                plan.completeness_missing if plan else no_plan
            )

    def _search_plan_completeness_score(self, operator, value):
        """Filter accounts on the readiness of their current plan.

        Accounts without a plan count as 0.
        """
        compare = {
            "<": lambda score: score < value,
            "<=": lambda score: score <= value,
            ">": lambda score: score > value,
            ">=": lambda score: score >= value,
            "in": lambda score: score in value,
            "not in": lambda score: score not in value,
        }.get(operator)
        if compare is None:
            return NotImplemented
        plans = self.env["account.mgmt.plan"].search(
            [("state", "in", ("draft", "active"))]
        )
        accounts = plans.partner_id
        matching = accounts.filtered(lambda a: compare(a.plan_completeness_score))
        if compare(0):
            # Accounts without a plan score 0 and match too.
            return ["|", ("id", "in", matching.ids), ("id", "not in", accounts.ids)]
        return [("id", "in", matching.ids)]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_view_account_plans(self):
        self.ensure_one()
        account = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "account_mgmt.account_mgmt_plan_action"
        )
        action["domain"] = [("partner_id", "=", account.id)]
        action["context"] = {"default_partner_id": account.id}
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_expansion_warnings(self, company=None):
        """Return why selling more to this account now needs a confirmation.

        Expansion is earned by solving the account's problems first: a
        critical health band (when a health module adds ``health_band``)
        or an open high-severity risk on one of its plans in ``company``.

        :return: list of readable reasons, empty when there is none
        """
        self.ensure_one()
        account = self.commercial_partner_id
        company = company or self.env.company
        warnings = []
        # NOTE: no health score exists in this module yet, and the band value
        # "critical" is assumed; no test covers this branch.
        if (
            "health_band" in account._fields
            and account.sudo().health_band == "critical"
        ):
            warnings.append(
                self.env._("%(account)s is in critical health.", account=account.name)
            )
        risks = (
            self.env["account.mgmt.plan.risk"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", account.id),
                    ("company_id", "=", company.id),
                    ("state", "=", "open"),
                    ("severity", "=", HIGH_SEVERITY),
                ]
            )
        )
        for risk in risks:
            warnings.append(
                self.env._("Open high-severity risk: %(risk)s", risk=risk.name)
            )
        return warnings
