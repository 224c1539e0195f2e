# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Context key set while a rule writes its bands, so that the band layout is
# checked once on the final set of bands instead of after each band.
DEFER_BAND_CHECK = "account_mgmt_defer_band_check"


class AccountMgmtTierRule(models.Model):
    """Rule suggesting a tier for each account of a company.

    The rule adds a share of the open pipeline to the trailing-12-month
    revenue and looks the sum up in the revenue bands, all in the company's
    currency. Each tier can also be suggested from a manual strategic or
    potential rating (see the tier). The most important tier found wins.
    """

    _name = "account.mgmt.tier.rule"
    _description = "Tier Suggestion Rule"
    _order = "company_id, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        ondelete="cascade",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    pipeline_weight = fields.Float(
        string="Pipeline Weight (%)",
        default=50.0,
        help="Share of the expected revenue of the account's open opportunities "
        "added to its trailing-12-month revenue before the bands are applied.",
    )
    band_ids = fields.One2many(
        "account.mgmt.tier.band", "rule_id", string="Revenue Bands", copy=True
    )

    _unique_company = models.Constraint(
        "UNIQUE(company_id)",
        "A company can have only one tier suggestion rule.",
    )

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("pipeline_weight")
    def _check_pipeline_weight(self):
        for rule in self:
            if not 0.0 <= rule.pipeline_weight <= 100.0:
                raise ValidationError(
                    self.env._(
                        "The pipeline weight of rule %(rule)s is %(weight)s%%: "
                        "it must be between 0 and 100.",
                        rule=rule.name,
                        weight=rule.pipeline_weight,
                    )
                )

    @api.constrains("band_ids")
    def _check_band_layout(self):
        """Raise unless the bands of each rule are disjoint and rank tiers by revenue.

        Bands sorted by their lower bound must not overlap, and a band with
        more revenue must suggest the same tier or a more important one.
        """
        # NOTE: reordering the tiers themselves is not checked here, so it can
        # leave existing bands out of tier order until a band is saved again.
        for rule in self:
            bands = rule.band_ids.sorted(lambda band: (band.revenue_from, band.id))
            for lower, upper in pairwise(bands):
                if not lower.revenue_to or lower.revenue_to > upper.revenue_from:
                    raise ValidationError(
                        self.env._(
                            "Revenue bands %(lower)s and %(upper)s of rule %(rule)s "
                            "overlap: each band must start at or above the upper "
                            "bound of the band below it.",
                            lower=lower.display_name,
                            upper=upper.display_name,
                            rule=rule.name,
                        )
                    )
                lower_rank = (lower.tier_id.sequence, lower.tier_id.id)
                upper_rank = (upper.tier_id.sequence, upper.tier_id.id)
                if upper_rank > lower_rank:
                    raise ValidationError(
                        self.env._(
                            "Revenue band %(upper)s suggests %(upper_tier)s, a less "
                            "important tier than %(lower_tier)s of the lower band "
                            "%(lower)s in rule %(rule)s: a band with more revenue "
                            "must suggest the same or a more important tier.",
                            upper=upper.display_name,
                            upper_tier=upper.tier_id.name,
                            lower=lower.display_name,
                            lower_tier=lower.tier_id.name,
                            rule=rule.name,
                        )
                    )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        rules = super(
            AccountMgmtTierRule, self.with_context(**{DEFER_BAND_CHECK: True})
        ).create(vals_list)
        # Give the caller records without the deferring context.
        return rules.with_env(self.env)

    def write(self, vals):
        return super(
            AccountMgmtTierRule, self.with_context(**{DEFER_BAND_CHECK: True})
        ).write(vals)
