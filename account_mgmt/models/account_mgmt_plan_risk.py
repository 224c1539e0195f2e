# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)

RISK_TYPES = [
    ("contract_date", "Contract Date"),
    ("satisfaction", "Satisfaction"),
    ("support", "Support"),
    ("payment", "Payment"),
    ("organisation_change", "Organisation Change"),
    ("single_threading", "Single-Threading"),
]
# Open risks of this severity make an upsell or cross-sell need a confirmation.
HIGH_SEVERITY = "high"
LOGGED_FIELDS = ("name", "risk_type", "severity", "state", "user_id", "mitigation")


class AccountMgmtPlanRisk(models.Model):
    """Threat to an account, with its severity, mitigation and owner."""

    _name = "account.mgmt.plan.risk"
    _description = "Account Plan Risk"
    _order = "state, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "account.mgmt.plan", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="plan_id.partner_id", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    name = fields.Char(string="Risk", required=True)
    risk_type = fields.Selection(RISK_TYPES, string="Type", required=True)
    severity = fields.Selection(
        [("low", "Low"), ("medium", "Medium"), ("high", "High")],
        default="medium",
        required=True,
    )
    state = fields.Selection(
        [("open", "Open"), ("mitigated", "Mitigated"), ("closed", "Closed")],
        default="open",
        required=True,
    )
    mitigation = fields.Text()
    user_id = fields.Many2one(
        "res.users", string="Owner", domain=[("share", "=", False)]
    )
    origin = fields.Char(
        index="btree_not_null",
        readonly=True,
        help="Reference of the record that raised this risk automatically, "
        "e.g. helpdesk.ticket,42; one open risk per origin and type.",
    )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        risks = super().create(vals_list)
        for risk in risks:
            risk.plan_id._log_line_change(
                self.env._(
                    "Risk added: %(risk)s (%(severity)s)",
                    risk=risk.name,
                    severity=dict(
                        self._fields["severity"]._description_selection(self.env)
                    )[risk.severity],
                )
            )
        return risks

    def write(self, vals):
        logged = [name for name in LOGGED_FIELDS if name in vals]
        before = {risk: {name: risk[name] for name in logged} for risk in self}
        result = super().write(vals)
        self.plan_id._mark_updated()
        for risk in self:
            changes = [
                (name, before[risk][name], risk[name])
                for name in logged
                if before[risk][name] != risk[name]
            ]
            if changes:
                risk.plan_id._log_line_change(
                    self.env._("Risk %(risk)s changed", risk=risk.name), risk, changes
                )
        return result

    def unlink(self):
        for risk in self:
            risk.plan_id._log_line_change(
                self.env._("Risk removed: %(risk)s", risk=risk.name)
            )
        return super().unlink()

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _create_risk_once(
        self, account, risk_type, name, severity="medium", origin=False, **values
    ):
        """Add a risk to the account's current plan unless the same one is open.

        Meant for other modules (a helpdesk bridge raising support risks):
        calling it again with the same arguments returns the open risk
        instead of adding a second one. The same risk is an open risk of
        that type with the same ``origin``, or with the same name when no
        origin is given.

        :param account: res.partner, the account or one of its contacts
        :param risk_type: key of ``RISK_TYPES``
        :param origin: reference of the source record, e.g. "helpdesk.ticket,42"
        :param values: other field values of the new risk (mitigation, user_id)
        :return: the open risk, or an empty recordset when the account has
            no draft or active plan in the current company
        """
        account = account.commercial_partner_id
        plan = self.env["account.mgmt.plan"]._get_current_plan(account)
        if not plan:
            _logger.debug(
                "No current plan for account %s: %s risk %r not recorded",
                account.id,
                risk_type,
                name,
            )
            return self.browse()
        domain = [
            ("plan_id", "=", plan.id),
            ("risk_type", "=", risk_type),
            ("state", "=", "open"),
        ]
        domain.append(("origin", "=", origin) if origin else ("name", "=", name))
        risk = self.search(domain, limit=1)
        if risk:
            return risk
        return self.create(
            dict(
                values,
                plan_id=plan.id,
                risk_type=risk_type,
                name=name,
                severity=severity,
                origin=origin,
            )
        )
