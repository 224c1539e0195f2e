# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils

GOAL_STATUSES = [
    ("not_started", "Not Started"),
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("achieved", "Achieved"),
    ("dropped", "Dropped"),
]
# Changes to these fields are logged in the plan's chatter.
LOGGED_FIELDS = (
    "name",
    "user_id",
    "date_due",
    "target_value",
    "current_value",
    "status",
)


class AccountMgmtPlanGoal(models.Model):
    """Measurable objective of an account plan, due within the plan period."""

    _name = "account.mgmt.plan.goal"
    _description = "Account Plan Goal"
    _order = "date_due, sequence, id"
    _check_company_auto = True

    plan_id = fields.Many2one(
        "account.mgmt.plan", required=True, index=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="plan_id.partner_id", store=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Objective", required=True)
    user_id = fields.Many2one(
        "res.users", string="Owner", domain=[("share", "=", False)]
    )
    date_due = fields.Date(string="Due Date")
    quarter = fields.Char(
        compute="_compute_quarter", store=True, help="Quarter of the due date."
    )
    target_value = fields.Float(
        help="Value the objective must reach, greater than zero "
        "(an amount, a count or a percentage, see the unit).",
    )
    current_value = fields.Float(help="Value reached so far, zero or more.")
    unit = fields.Char(
        help="Unit of the target and current values, e.g. EUR, %, users."
    )
    progress = fields.Float(
        compute="_compute_progress", help="Current value / target, in %."
    )
    next_step = fields.Char()
    status = fields.Selection(GOAL_STATUSES, default="not_started", required=True)
    stakeholder_id = fields.Many2one(
        "res.partner",
        string="Client Sponsor",
        check_company=True,
        help="Contact of the account who cares most about this objective.",
    )
    opportunity_kind = fields.Selection(
        [
            ("upsell", "Upsell"),
            ("cross_sell", "Cross-sell"),
            ("renewal", "Renewal"),
            ("new_business", "New Business"),
        ],
        default="upsell",
        required=True,
        help="Type of the opportunity the Create Opportunity button makes.",
    )
    opportunity_ids = fields.One2many(
        "crm.lead", "plan_goal_id", string="Opportunities"
    )
    opportunity_count = fields.Integer(compute="_compute_opportunity_count")

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("date_due")
    def _compute_quarter(self):
        for goal in self:
            goal.quarter = (
                f"{goal.date_due.year}-Q{date_utils.get_quarter_number(goal.date_due)}"
                if goal.date_due
                else False
            )

    @api.depends("target_value", "current_value")
    def _compute_progress(self):
        for goal in self:
            goal.progress = (
                100.0 * goal.current_value / goal.target_value
                if goal.target_value
                else 0.0
            )

    def _compute_opportunity_count(self):
        counts = dict(
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [("plan_goal_id", "in", self.ids)], ["plan_goal_id"], ["__count"]
            )
        )
        for goal in self:
            goal.opportunity_count = counts.get(goal, 0)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("date_due", "plan_id")
    def _check_date_due_in_period(self):
        for goal in self.filtered("date_due"):
            plan = goal.plan_id
            if not plan.date_start <= goal.date_due <= plan.date_end:
                raise ValidationError(
                    self.env._(
                        "The goal %(goal)s is due on %(due)s, outside its plan period "
                        "%(start)s to %(end)s. Pick a due date inside the period.",
                        goal=goal.name,
                        due=goal.date_due,
                        start=plan.date_start,
                        end=plan.date_end,
                    )
                )

    @api.constrains("target_value", "current_value")
    def _check_values_sign(self):
        for goal in self:
            if goal.target_value <= 0:
                raise ValidationError(
                    self.env._(
                        "The target of the goal %(goal)s is %(target)s: it must be "
                        "greater than zero. State a reduction as the amount to cut.",
                        goal=goal.name,
                        target=goal.target_value,
                    )
                )
            if goal.current_value < 0:
                raise ValidationError(
                    self.env._(
                        "The current value of the goal %(goal)s is %(value)s: it "
                        "must be zero or more.",
                        goal=goal.name,
                        value=goal.current_value,
                    )
                )

    @api.constrains("stakeholder_id", "plan_id")
    def _check_stakeholder_of_account(self):
        for goal in self.filtered("stakeholder_id"):
            account = goal.plan_id.partner_id
            contact = goal.stakeholder_id
            if contact == account or contact.commercial_partner_id != account:
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact of %(account)s, so it cannot "
                        "sponsor the goal %(goal)s. Pick one of the account's contacts.",
                        contact=contact.display_name,
                        account=account.display_name,
                        goal=goal.name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        goals = super().create(vals_list)
        for goal in goals:
            goal.plan_id._log_line_change(
                self.env._("Goal added: %(goal)s", goal=goal.name)
            )
        return goals

    def write(self, vals):
        logged = [name for name in LOGGED_FIELDS if name in vals]
        before = {goal: {name: goal[name] for name in logged} for goal in self}
        result = super().write(vals)
        self.plan_id._mark_updated()
        for goal in self:
            changes = [
                (name, before[goal][name], goal[name])
                for name in logged
                if before[goal][name] != goal[name]
            ]
            if changes:
                goal.plan_id._log_line_change(
                    self.env._("Goal %(goal)s changed", goal=goal.name),
                    goal,
                    changes,
                )
        return result

    def unlink(self):
        for goal in self:
            goal.plan_id._log_line_change(
                self.env._("Goal removed: %(goal)s", goal=goal.name)
            )
        return super().unlink()

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_create_opportunity(self):
        """Create an opportunity for this goal, linked to the goal and its plan."""
        self.ensure_one()
        return self.plan_id._action_create_opportunity(self.opportunity_kind, goal=self)
