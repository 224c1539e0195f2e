# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .account_mgmt_tier_rule import DEFER_BAND_CHECK


class AccountMgmtTierBand(models.Model):
    """Revenue range of a tier suggestion rule, in the rule company's currency.

    An account falls in the band when its revenue is at least ``revenue_from``
    and below ``revenue_to``. A ``revenue_to`` of 0 means no upper bound.
    """

    _name = "account.mgmt.tier.band"
    _description = "Tier Revenue Band"
    _order = "rule_id, revenue_from, id"
    _check_company_auto = True

    rule_id = fields.Many2one(
        "account.mgmt.tier.rule", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="rule_id.company_id", store=True, index=True, precompute=True
    )
    currency_id = fields.Many2one(related="rule_id.currency_id")
    tier_id = fields.Many2one("account.mgmt.tier", required=True, ondelete="restrict")
    revenue_from = fields.Monetary(
        required=True,
        default=0.0,
        help="Lowest revenue of the band, included.",
    )
    revenue_to = fields.Monetary(
        string="Revenue Below",
        default=0.0,
        help="Revenue at which the next band starts, excluded from this band. "
        "0 means the band has no upper bound.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("revenue_from", "revenue_to", "currency_id")
    def _compute_display_name(self):
        for band in self:
            start = (
                band.currency_id.format(band.revenue_from)
                if band.currency_id
                else (band.revenue_from)
            )
            if band.revenue_to:
                end = (
                    band.currency_id.format(band.revenue_to)
                    if band.currency_id
                    else (band.revenue_to)
                )
                band.display_name = f"[{start} - {end})"
            else:
                band.display_name = f"[{start} - ...)"

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("revenue_from", "revenue_to", "tier_id", "rule_id")
    def _check_revenue_bounds(self):
        for band in self:
            for label, value in (
                (self.env._("lower bound"), band.revenue_from),
                (self.env._("upper bound"), band.revenue_to),
            ):
                if value < 0:
                    raise ValidationError(
                        self.env._(
                            "The %(bound)s of a revenue band is %(value)s: revenue "
                            "thresholds must be zero or positive.",
                            bound=label,
                            value=value,
                        )
                    )
            if band.revenue_to and band.revenue_to <= band.revenue_from:
                raise ValidationError(
                    self.env._(
                        "Revenue band %(band)s ends at or below its start: the upper "
                        "bound must be above the lower bound, or 0 for no upper bound.",
                        band=band.display_name,
                    )
                )
        if not self.env.context.get(DEFER_BAND_CHECK):
            self.rule_id._check_band_layout()
