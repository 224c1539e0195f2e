# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError


class AccountMgmtBusinessReview(models.Model):
    """Business review held with an account: value delivered, risks, priorities."""

    _name = "account.mgmt.business.review"
    _description = "Business Review"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date = fields.Date(required=True, default=fields.Date.context_today, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        domain=[("share", "=", False)],
    )
    attendee_partner_ids = fields.Many2many(
        "res.partner",
        "account_mgmt_business_review_attendee_rel",
        "review_id",
        "partner_id",
        string="Client Attendees",
        domain="[('commercial_partner_id', '=', partner_id)]",
    )
    attendee_user_ids = fields.Many2many(
        "res.users",
        "account_mgmt_business_review_user_rel",
        "review_id",
        "user_id",
        string="Our Attendees",
        domain=[("share", "=", False)],
    )
    previous_review_date = fields.Date(
        string="Previous Review",
        compute="_compute_previous_review_date",
        help="Date of the account's previous business review: the value delivered "
        "covers the time since then.",
    )
    value_delivered = fields.Html(string="Value Delivered Since Last Review")
    risks = fields.Html(string="Risks Surfaced")
    priority_ids = fields.One2many(
        "account.mgmt.business.review.priority", "review_id", string="Priorities Agreed"
    )
    state = fields.Selection(
        [("planned", "Planned"), ("held", "Held")],
        required=True,
        default="planned",
        tracking=True,
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("partner_id.name", "date")
    def _compute_name(self):
        for review in self:
            review.name = self.env._(
                "Business review %(account)s %(date)s",
                account=review.partner_id.name or "",
                date=review.date or "",
            )

    @api.depends("partner_id")
    def _compute_user_id(self):
        for review in self:
            manager = review.partner_id.commercial_partner_id.account_manager_id
            if manager or not review.user_id:
                review.user_id = manager

    @api.depends("partner_id", "date")
    def _compute_previous_review_date(self):
        # One query for the whole page: every review of these accounts, latest first.
        reviews_by_partner = defaultdict(list)
        if self.partner_id:
            others = self.search_fetch(
                [("partner_id", "in", self.partner_id.ids), ("date", "!=", False)],
                ["partner_id", "date"],
                order="date desc, id desc",
            )
            for other in others:
                reviews_by_partner[other.partner_id.id].append(other)
        for review in self:
            previous = next(
                (
                    other
                    for other in reviews_by_partner[review.partner_id.id]
                    if review.date
                    and other.date < review.date
                    and other.id != review._origin.id
                ),
                None,
            )
            review.previous_review_date = previous.date if previous else False

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_mark_held(self):
        """Mark the review as held and complete the review activity of its period."""
        self.state = "held"
        for review in self:
            partner = review.partner_id.commercial_partner_id
            activities = self.env["mail.activity"].search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", partner.id),
                    ("account_cadence_key", "=like", "review:%"),
                    ("date_deadline", ">=", review.date),
                ]
            )
            activities.action_feedback(
                feedback=self.env._(
                    "Business review held on %(date)s", date=review.date
                )
            )
        return True

    def action_send_summary(self):
        """Open the email composer with the summary for the client attendees."""
        self.ensure_one()
        if not self.attendee_partner_ids:
            raise UserError(
                self.env._(
                    "Business review %(name)s has no client attendee: add the "
                    "client contacts who attended before sending the summary.",
                    name=self.display_name,
                )
            )
        template = self.env.ref("account_mgmt.mail_template_business_review_summary")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
            },
        }
