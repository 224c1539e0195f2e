# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AccountMgmtHealthComponent(models.Model):
    """Weight of one health component, for every tier or for one tier.

    A row without tier holds the default weight; a row with a tier overrides
    it for the accounts of that tier. Extension modules add their component
    with ``selection_add`` on ``code`` and a default row in their data.
    """

    _name = "account.mgmt.health.component"
    _description = "Health Score Component"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(
        [
            ("engagement", "Engagement"),
            ("payment", "Payment Behaviour"),
            ("satisfaction", "Satisfaction"),
        ],
        required=True,
        help="Component whose score this weight applies to.",
    )
    sequence = fields.Integer(default=10)
    tier_id = fields.Many2one(
        "account.mgmt.tier",
        string="Tier",
        ondelete="cascade",
        help="Leave empty for the default weight; set a tier to override the "
        "default for the accounts of that tier.",
    )
    weight = fields.Float(
        default=1.0,
        required=True,
        help="Relative weight in the blended score. Components an account has "
        "no data for are left out and the other weights rescaled.",
    )

    _code_tier_unique = models.UniqueIndex(
        "(code, tier_id) NULLS NOT DISTINCT",
        "Each component has one default weight and at most one weight per tier.",
    )

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("weight")
    def _check_weight(self):
        for component in self:
            if component.weight < 0:
                raise ValidationError(
                    self.env._(
                        "The weight of %(component)s is %(weight)s: weights "
                        "cannot be negative. Enter 0 to leave the component out.",
                        component=component.display_name,
                        weight=component.weight,
                    )
                )

    @api.constrains("weight", "tier_id", "code")
    def _check_weights_not_all_zero(self):
        tiers = self.tier_id
        weights_by_tier = self.sudo()._health_weights_by_tier(tiers)
        checked = {}
        if any(not component.tier_id for component in self):
            checked[False] = weights_by_tier[False]
        checked.update({tier.id: weights_by_tier[tier.id] for tier in tiers})
        for tier_id, weights in checked.items():
            if weights and not any(weights.values()):
                tier = self.env["account.mgmt.tier"].browse(tier_id)
                raise ValidationError(
                    self.env._(
                        "All health component weights of %(scope)s are 0: give "
                        "at least one component a positive weight.",
                        scope=tier.display_name
                        if tier
                        else self.env._("the default weights"),
                    )
                )

    # ------------------------------------------------------------
    # TOOLING
    # ------------------------------------------------------------

    @api.depends("code", "tier_id")
    def _compute_display_name(self):
        for component in self:
            name = component.name or component.code or ""
            if component.tier_id:
                name = f"{name} ({component.tier_id.display_name})"
            component.display_name = name

    @api.model
    def _health_weights_by_tier(self, tiers):
        """Return the effective weights: {tier id or False: {code: weight}}.

        Reads every weight row in one query; a tier's own rows override the
        default rows of the same code.
        """
        rows = self.search_fetch([], ["code", "tier_id", "weight"])
        defaults = {row.code: row.weight for row in rows if not row.tier_id}
        result = {False: defaults}
        for tier in tiers:
            weights = dict(defaults)
            weights.update(
                {row.code: row.weight for row in rows if row.tier_id == tier}
            )
            result[tier.id] = weights
        return result
