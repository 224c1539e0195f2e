# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools import float_round

# Setting key (after "account_mgmt_helpdesk.support_") -> (type, default).
SUPPORT_SETTINGS = {
    "open_limit": (int, 10),
    "high_limit": (int, 3),
    "volume_limit": (float, 3.0),
    "resolution_limit": (int, 30),
    "surge_factor": (float, 2.0),
    "surge_min": (int, 5),
    "high_age_days": (int, 7),
}


class ResPartner(models.Model):
    """Support component of the health score, from the account's tickets."""

    _inherit = "res.partner"

    # ------------------------------------------------------------
    # HEALTH SCORE
    # ------------------------------------------------------------

    def _health_component_scores(self, date_to):
        scores = super()._health_component_scores(date_to)
        scores.update(
            self._health_collect(
                "support",
                self._health_facts_support,
                self._health_score_support,
                date_to,
            )
        )
        return scores

    def _health_facts_support(self, date_to):
        """Return the ticket figures of each account and their part scores.

        Accounts that never had a ticket are left out, so the component is
        absent for them and the other weights are rescaled. An account
        without tickets gives no evidence about support, so it scores
        neither 0 nor 100. Each part is 0 to 100:

        - open score: 100 less a share per open ticket, 0 at the open limit;
        - high priority score: the same for open high-priority tickets;
        - volume score: 100 up to the account's usual volume of tickets per
          90 days, falling in a straight line to 0 at the volume limit
          (a multiple of the usual volume); absent when the account has no
          usual volume to compare with but new tickets;
        - resolution score: 100 less a share per day of average resolution,
          0 at the resolution limit; absent when no ticket was closed in the
          last 12 months.

        :return: {account id: facts dict, with the figures and part scores}
        """
        settings = self._support_settings()
        figures = self._ticket_figures(self.ids, today=date_to)
        facts_by_account = {}
        for account_id, values in figures.items():
            facts = {
                "open_tickets": values["open"],
                "open_high_priority": values["open_high"],
                "tickets_last_90_days": values["recent"],
                "usual_per_90_days": values["baseline_90d"],
                "closed_last_12_months": values["resolved"],
            }
            parts = {
                "open_score": self._support_part(
                    values["open"], settings["open_limit"]
                ),
                "high_priority_score": self._support_part(
                    values["open_high"], settings["high_limit"]
                ),
            }
            baseline = values["baseline_90d"]
            if baseline:
                ratio = values["recent"] / baseline
                parts["volume_score"] = self._support_part(
                    max(ratio - 1.0, 0.0), settings["volume_limit"] - 1.0
                )
            elif not values["recent"]:
                parts["volume_score"] = 100.0
            if values["resolved"]:
                facts["average_resolution_days"] = values["avg_resolution_days"]
                parts["resolution_score"] = self._support_part(
                    values["avg_resolution_days"], settings["resolution_limit"]
                )
            facts.update(parts)
            facts_by_account[account_id] = facts
        return facts_by_account

    @api.model
    def _health_score_support(self, facts):
        """Average the part scores of the support facts."""
        parts = [value for key, value in facts.items() if key.endswith("_score")]
        return sum(parts) / len(parts) if parts else None

    @api.model
    def _support_part(self, value, limit):
        """Return 100 at 0, falling in a straight line to 0 at ``limit``."""
        return float_round(max(0.0, 100.0 * (1.0 - value / limit)), 1)

    # ------------------------------------------------------------
    # SETTINGS
    # ------------------------------------------------------------

    @api.model
    def _support_settings(self):
        """Return the support thresholds from the system parameters."""
        params = self.env["ir.config_parameter"].sudo()
        settings = {}
        for key, (cast, default) in SUPPORT_SETTINGS.items():
            raw = params.get_param(f"account_mgmt_helpdesk.support_{key}")
            try:
                settings[key] = cast(raw) if raw else default
            except ValueError:
                settings[key] = default
        return settings

    @api.model
    def _check_support_settings(self, settings):
        """Raise when a support threshold would break the score or the alerts."""
        for key in ("open_limit", "high_limit", "resolution_limit", "surge_min"):
            if settings[key] < 1:
                raise ValidationError(
                    self.env._(
                        "Support setting %(setting)s is %(value)s: enter a whole "
                        "number of 1 or more.",
                        setting=key.replace("_", " "),
                        value=settings[key],
                    )
                )
        if settings["volume_limit"] <= 1:
            raise ValidationError(
                self.env._(
                    "Ticket volume for score 0 is %(value)s: enter a multiple of "
                    "the usual volume greater than 1, e.g. 3.",
                    value=settings["volume_limit"],
                )
            )
        if settings["surge_factor"] < 1:
            raise ValidationError(
                self.env._(
                    "Ticket surge factor is %(value)s: enter 1 or more, e.g. 2 "
                    "for twice the usual volume.",
                    value=settings["surge_factor"],
                )
            )
        if settings["high_age_days"] < 0:
            raise ValidationError(
                self.env._(
                    "High-priority ticket alert is %(value)s days: enter 0 or more.",
                    value=settings["high_age_days"],
                )
            )
