# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import date_utils


class AccountMgmtBusinessReviewPriority(models.Model):
    """Priority agreed with the client in a business review."""

    _name = "account.mgmt.business.review.priority"
    _description = "Business Review Priority"
    _order = "sequence, id"

    review_id = fields.Many2one(
        "account.mgmt.business.review",
        string="Business Review",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="review_id.company_id", store=True)
    partner_id = fields.Many2one(related="review_id.partner_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Priority", required=True)
    description = fields.Text()
    owner_id = fields.Many2one("res.users", domain=[("share", "=", False)])
    date_deadline = fields.Date(string="Due Date")
    target_value = fields.Float(
        help="Value the plan goal made from this priority must reach, greater "
        "than zero (an amount, a count or a percentage, see the unit).",
    )
    unit = fields.Char(help="Unit of the target, e.g. EUR, %, users.")
    goal_id = fields.Many2one(
        "account.mgmt.plan.goal",
        string="Plan Goal",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        help="Account plan goal created from this priority.",
    )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_convert_to_goal(self):
        """Create a goal on the account's active plan from each priority.

        The goal lands on the plan of the review's company that runs today,
        which must be active. It takes the priority's name, owner (else the
        account manager, else the current user), target and unit. It is due
        on the priority's due date, else at the end of the current quarter
        or of the plan period, whichever comes first. Priorities already converted are
        skipped. Both chatters (plan and review) log the conversion.

        :return: True
        """
        Plan = self.env["account.mgmt.plan"]
        todo = self.filtered(lambda priority: not priority.goal_id)
        # Check every priority before creating anything, so that a bad one
        # leaves no goal behind.
        prepared = [(priority, priority._prepare_goal_values()) for priority in todo]
        for priority, values in prepared:
            goal = self.env["account.mgmt.plan.goal"].create(values)
            priority.goal_id = goal
            plan = Plan.browse(values["plan_id"])
            review = priority.review_id
            plan.message_post(
                body=self.env._(
                    "Goal %(goal)s created from the priority agreed in %(review)s.",
                    goal=goal.name,
                    review=review._get_html_link(),
                ),
                subtype_xmlid="mail.mt_note",
            )
            review.message_post(
                body=self.env._(
                    "Priority %(priority)s converted into a goal of %(plan)s, due "
                    "on %(due)s.",
                    priority=priority.name,
                    plan=plan._get_html_link(),
                    due=goal.date_due,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _prepare_goal_values(self):
        """Return the values of the plan goal made from this priority.

        :raise UserError: when the account has no active plan running today,
            the priority has no target, or its due date is outside the plan
        """
        self.ensure_one()
        review = self.review_id
        account = review.partner_id.commercial_partner_id
        plan = self.env["account.mgmt.plan"]._get_current_plan(
            account, review.company_id
        )
        today = fields.Date.context_today(self)
        if (
            not plan
            or plan.state != "active"
            or not plan.date_start <= today <= plan.date_end
        ):
            raise UserError(
                self.env._(
                    "Cannot convert priority %(priority)s into a goal: %(account)s "
                    "has no active account plan running today in %(company)s. "
                    "Create or activate the account plan, then convert the "
                    "priority again.",
                    priority=self.name,
                    account=account.display_name,
                    company=review.company_id.name,
                )
            )
        if self.target_value <= 0:
            raise UserError(
                self.env._(
                    "Cannot convert priority %(priority)s into a goal: its target "
                    "is %(target)s. Set a target greater than zero on the "
                    "priority, then convert it again.",
                    priority=self.name,
                    target=self.target_value,
                )
            )
        date_due = self.date_deadline
        if date_due and not plan.date_start <= date_due <= plan.date_end:
            raise UserError(
                self.env._(
                    "Cannot convert priority %(priority)s into a goal: it is due "
                    "on %(due)s, outside the plan period %(start)s to %(end)s. "
                    "Move the due date inside the period, then convert it again.",
                    priority=self.name,
                    due=date_due,
                    start=plan.date_start,
                    end=plan.date_end,
                )
            )
        if not date_due:
            date_due = min(date_utils.end_of(today, "quarter"), plan.date_end)
        owner = self.owner_id or plan.user_id or self.env.user
        return {
            "plan_id": plan.id,
            "name": self.name,
            "user_id": owner.id,
            "date_due": date_due,
            "target_value": self.target_value,
            "unit": self.unit,
            "next_step": self.description and self.description.split("\n")[0],
            "review_priority_id": self.id,
        }
