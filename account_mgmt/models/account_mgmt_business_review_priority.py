# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.exceptions import UserError

PLAN_GOAL_MODEL = "account.mgmt.plan.goal"


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
    owner_id = fields.Many2one(
        "res.users", string="Owner", domain=[("share", "=", False)]
    )
    date_deadline = fields.Date(string="Due Date")
    goal_ref = fields.Char(
        string="Plan Goal",
        readonly=True,
        copy=False,
        help="Reference of the account plan goal created from this priority.",
    )

    def action_convert_to_goal(self):
        """Create an account plan goal from each priority not converted yet."""
        if PLAN_GOAL_MODEL not in self.env:
            raise UserError(
                self.env._(
                    "Cannot convert priority %(name)s into a plan goal: account "
                    "plans are not installed. Install account plans, then convert "
                    "the priority again.",
                    name=", ".join(self.mapped("name")),
                )
            )
        # TODO: create the goal once the account plan model exists on this branch;
        # its fields are not known here, so the conversion stops with this error.
        raise UserError(
            self.env._(
                "Converting priorities into plan goals is not available yet in "
                "this version: copy %(name)s into the account plan by hand.",
                name=", ".join(self.mapped("name")),
            )
        )
