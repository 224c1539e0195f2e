# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

RATING_SELECTION = [
    ("0", "None"),
    ("1", "Low"),
    ("2", "Medium"),
    ("3", "High"),
]


class AccountMgmtTier(models.Model):
    """Segment of the account book; the tier decides how much attention an account gets.

    A lower ``sequence`` ranks the tier as more important. Each tier also
    carries the contact policy that cadence and effort reports read: how
    often its accounts are contacted and reviewed, and whether touchpoints
    are made by hand or automated.
    """

    _name = "account.mgmt.tier"
    _description = "Account Tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10,
        help="Rank of the tier: the lower, the more attention its accounts get.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    partner_ids = fields.One2many("res.partner", "tier_id", string="Accounts")
    contact_interval_days = fields.Integer(
        string="Contact Every (Days)",
        required=True,
        default=60,
        help="Maximum number of days between two proactive touchpoints "
        "with an account of this tier.",
    )
    review_interval_months = fields.Integer(
        string="Business Review Every (Months)",
        required=True,
        default=0,
        help="Number of months between two business reviews with an account "
        "of this tier, or 0 for no business review.",
    )
    touchpoint_mode = fields.Selection(
        [("manual", "Manual"), ("automated", "Automated")],
        string="Touchpoints",
        required=True,
        default="manual",
        help="Manual: the account manager contacts the account in person. "
        "Automated: the account mostly gets automated contacts such as "
        "mailings and scheduled emails.",
    )
    min_strategic_rating = fields.Selection(
        RATING_SELECTION,
        string="Suggest From Strategic Rating",
        required=True,
        default="0",
        help="Suggest at least this tier for accounts whose strategic value "
        "is rated at this level or higher. None turns this rule off.",
    )
    min_potential_rating = fields.Selection(
        RATING_SELECTION,
        string="Suggest From Potential Rating",
        required=True,
        default="0",
        help="Suggest at least this tier for accounts whose growth potential "
        "is rated at this level or higher. None turns this rule off.",
    )
    account_count = fields.Integer(
        string="Accounts Assigned", compute="_compute_account_count"
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_account_count(self):
        groups = self.env["res.partner"]._read_group(
            [
                ("tier_id", "in", self.ids),
                "|",
                ("is_company", "=", True),
                ("parent_id", "=", False),
            ],
            ["tier_id"],
            ["__count"],
        )
        counts = {tier.id: count for tier, count in groups}
        for tier in self:
            tier.account_count = counts.get(tier.id, 0)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("contact_interval_days")
    def _check_contact_interval_days(self):
        for tier in self:
            if tier.contact_interval_days <= 0:
                raise ValidationError(
                    self.env._(
                        "The contact interval of tier %(tier)s is %(days)s days: "
                        "it must be a positive number of days.",
                        tier=tier.name,
                        days=tier.contact_interval_days,
                    )
                )

    @api.constrains("review_interval_months")
    def _check_review_interval_months(self):
        for tier in self:
            if tier.review_interval_months < 0:
                raise ValidationError(
                    self.env._(
                        "The business review interval of tier %(tier)s is "
                        "%(months)s months: it must be a positive number of "
                        "months, or 0 for no business review.",
                        tier=tier.name,
                        months=tier.review_interval_months,
                    )
                )
