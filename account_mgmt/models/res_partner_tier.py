# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .account_mgmt_tier import RATING_SELECTION

_logger = logging.getLogger(__name__)

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"


class ResPartner(models.Model):
    """Account tiers: the assigned tier, who set it and why, and the suggested tier.

    The assigned tier (``tier_id``) is only ever set by a person and never
    by the suggestion batch, so a manual tier stays until someone changes
    it. The suggested tier is stored per company and refreshed in batch
    with the account figures, never when an invoice is posted.
    """

    _inherit = "res.partner"

    tier_set_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="User who last assigned the tier.",
    )
    tier_set_date = fields.Date(
        string="Tier Set On",
        readonly=True,
        help="Day the tier was last assigned.",
    )
    tier_reason = fields.Char(
        tracking=True,
        help="Why the account has this tier, for instance why it differs from "
        "the suggested tier. Cleared when the tier changes without a new reason.",
    )
    potential_rating = fields.Selection(
        RATING_SELECTION,
        string="Growth Potential",
        default="0",
        tracking=True,
        help="Manual rating of how much more the account could buy from us.",
    )
    strategic_rating = fields.Selection(
        RATING_SELECTION,
        string="Strategic Value",
        default="0",
        tracking=True,
        help="Manual rating of the account's value beyond its revenue: "
        "reference customer, market access, partnership.",
    )
    strategic_reason = fields.Char(
        string="Strategic Value Reason",
        tracking=True,
        help="Why the account has this strategic value.",
    )
    # Stored per company (jsonb keyed by company id) like the revenue it is
    # computed from, and written only by _refresh_tier_suggestions.
    suggested_tier_id = fields.Many2one(
        "account.mgmt.tier",
        company_dependent=True,
        readonly=True,
        groups=ACCOUNT_GROUP,
        help="Tier suggested by the company's tier rule from the revenue bands, "
        "the open pipeline and the potential and strategic ratings, as of the "
        "last refresh of the account figures.",
    )
    is_tier_differs = fields.Boolean(
        string="Tier Differs From Suggestion",
        compute="_compute_is_tier_differs",
        search="_search_is_tier_differs",
        groups=ACCOUNT_GROUP,
        help="The account has a suggested tier in the current company and its "
        "assigned tier is another one, or none.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("tier_id", "suggested_tier_id")
    @api.depends_context("company")
    def _compute_is_tier_differs(self):
        for partner in self:
            account = partner.commercial_partner_id
            suggested = account.suggested_tier_id
            partner.is_tier_differs = bool(suggested) and account.tier_id != suggested

    def _search_is_tier_differs(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        self.flush_model(["tier_id", "suggested_tier_id", "commercial_partner_id"])
        company_key = str(self.env.company.id)
        subquery = SQL(
            """
            SELECT p.id
              FROM res_partner p
              JOIN res_partner account ON account.id = p.commercial_partner_id
             WHERE account.suggested_tier_id ->> %(key)s IS NOT NULL
               AND account.tier_id IS DISTINCT FROM
                   (account.suggested_tier_id ->> %(key)s)::int
            """,
            key=company_key,
        )
        if (operator == "in") == (True in value):
            return [("id", "in", subquery)]
        return [("id", "not in", subquery)]

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("tier_id")
    def _check_tier_on_commercial_entity(self):
        for partner in self:
            account = partner.commercial_partner_id
            if account != partner and partner.tier_id != account.tier_id:
                raise ValidationError(
                    self.env._(
                        "Tier %(tier)s cannot be assigned to contact %(contact)s: "
                        "a contact always has the tier of its company "
                        "%(company)s. Set the tier on the company instead.",
                        tier=partner.tier_id.name or self.env._("None"),
                        contact=partner.display_name,
                        company=account.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._add_tier_assignment_values(vals) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        result = super().write(self._add_tier_assignment_values(vals))
        if "parent_id" in vals:
            self._sync_tier_from_new_parent()
        return result

    def _sync_tier_from_new_parent(self):
        """Give contacts that moved under a company the tier of that company.

        Odoo copies only the commercial fields that are set on the company,
        so a contact with a tier would keep it under a company without one.
        """
        tier_fields = ["tier_id", "tier_set_by_id", "tier_set_date", "tier_reason"]
        for contact in self:
            account = contact.commercial_partner_id
            if account != contact and contact.tier_id != account.tier_id:
                contact.write(account._convert_fields_to_values(tier_fields))

    @api.model
    def _add_tier_assignment_values(self, vals):
        """Return ``vals`` plus who assigned the tier and when, if it sets a tier.

        Values already given are kept, so that the sync of commercial fields
        from a company to its contacts copies the company's record as is.
        """
        if "tier_id" not in vals or "tier_set_by_id" in vals:
            return vals
        assigned = bool(vals["tier_id"])
        return {
            "tier_reason": False,
            **vals,
            "tier_set_by_id": self.env.user.id if assigned else False,
            "tier_set_date": fields.Date.context_today(self) if assigned else False,
        }

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_apply_suggested_tier(self):
        """Assign their suggested tier to the selected accounts.

        Accounts without a suggestion in the current company keep their tier.
        """
        accounts = self.commercial_partner_id
        with_suggestion = accounts.filtered("suggested_tier_id")
        if not with_suggestion:
            raise UserError(
                self.env._(
                    "None of the selected accounts has a suggested tier in "
                    "company %(company)s. Refresh the account figures first, "
                    "or check that the company has a tier rule.",
                    company=self.env.company.name,
                )
            )
        for tier, tier_accounts in with_suggestion.grouped("suggested_tier_id").items():
            tier_accounts.filtered(lambda account, t=tier: account.tier_id != t).write(
                {
                    "tier_id": tier.id,
                    "tier_reason": self.env._("Applied the suggested tier"),
                }
            )
        return True

    # ------------------------------------------------------------
    # TOOLING
    # ------------------------------------------------------------

    @api.model
    def _refresh_account_figures(self, companies=None, partners=None, date_to=None):
        """Refresh the revenue, then the tier suggestions computed from it."""
        count = super()._refresh_account_figures(
            companies=companies, partners=partners, date_to=date_to
        )
        self._refresh_tier_suggestions(companies=companies, partners=partners)
        return count

    @api.model
    def _refresh_tier_suggestions(self, companies=None, partners=None):
        """Store the suggested tier of accounts, per company, in one query.

        For each company with an active tier rule, the amount looked up in the
        revenue bands is the stored ``revenue_12m`` plus the rule's share of
        the expected revenue of open opportunities of that company on the
        account or its contacts. Tiers whose potential or strategic rating
        threshold the account reaches are candidates too, and the most important
        active candidate wins. Companies without a rule get no suggestion.

        :param companies: companies to refresh (default: all companies)
        :param partners: accounts to refresh (default: every commercial entity
            with revenue, pipeline, a rating, a tier or an earlier suggestion)
        :return: number of accounts updated
        """
        companies = companies or self.env["res.company"].sudo().search([])
        restrict = SQL("AND p.id IN %s", tuple(partners.ids)) if partners else SQL()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                WITH pipeline AS (
                    SELECT contact.commercial_partner_id AS partner_id,
                           lead.company_id,
                           SUM(lead.expected_revenue) AS amount
                      FROM crm_lead lead
                      JOIN res_partner contact ON contact.id = lead.partner_id
                     WHERE lead.active
                       AND lead.type = 'opportunity'
                       AND lead.won_status = 'pending'
                       AND lead.company_id IN %(company_ids)s
                     GROUP BY 1, 2
                ),
                scope AS (
                    SELECT p.id, p.revenue_12m, p.potential_rating, p.strategic_rating
                      FROM res_partner p
                     WHERE p.id = p.commercial_partner_id
                       AND (p.revenue_12m IS NOT NULL
                            OR p.suggested_tier_id IS NOT NULL
                            OR p.tier_id IS NOT NULL
                            OR COALESCE(p.potential_rating, '0') != '0'
                            OR COALESCE(p.strategic_rating, '0') != '0'
                            OR p.id IN (SELECT partner_id FROM pipeline))
                           %(restrict)s
                ),
                scored AS (
                    SELECT scope.id AS partner_id,
                           company.id AS company_id,
                           rule.id AS rule_id,
                           ROUND(
                               COALESCE(
                                   (scope.revenue_12m ->> company.id::text)::numeric, 0
                               )
                               + COALESCE(pipeline.amount, 0)
                                 * rule.pipeline_weight::numeric / 100,
                               2
                           ) AS amount,
                           COALESCE(scope.potential_rating, '0') AS potential_rating,
                           COALESCE(scope.strategic_rating, '0') AS strategic_rating
                      FROM scope
                     CROSS JOIN unnest(%(company_list)s) AS company(id)
                      LEFT JOIN account_mgmt_tier_rule rule
                        ON rule.company_id = company.id AND rule.active
                      LEFT JOIN pipeline
                        ON pipeline.partner_id = scope.id
                       AND pipeline.company_id = company.id
                ),
                candidate AS (
                    SELECT scored.partner_id, scored.company_id, band.tier_id
                      FROM scored
                      JOIN account_mgmt_tier_band band ON band.rule_id = scored.rule_id
                     WHERE scored.amount >= band.revenue_from
                       AND (COALESCE(band.revenue_to, 0) = 0
                            OR scored.amount < band.revenue_to)
                     UNION ALL
                    SELECT scored.partner_id, scored.company_id, tier.id
                      FROM scored
                      JOIN account_mgmt_tier tier
                        ON (tier.min_potential_rating != '0'
                            AND scored.potential_rating >= tier.min_potential_rating)
                        OR (tier.min_strategic_rating != '0'
                            AND scored.strategic_rating >= tier.min_strategic_rating)
                     WHERE scored.rule_id IS NOT NULL
                ),
                best AS (
                    SELECT DISTINCT ON (candidate.partner_id, candidate.company_id)
                           candidate.partner_id,
                           candidate.company_id,
                           tier.id AS tier_id
                      FROM candidate
                      JOIN account_mgmt_tier tier
                        ON tier.id = candidate.tier_id AND tier.active
                     ORDER BY candidate.partner_id, candidate.company_id,
                              tier.sequence, tier.id
                ),
                suggestion AS (
                    SELECT scored.partner_id,
                           COALESCE(
                               jsonb_object_agg(scored.company_id::text, best.tier_id)
                                   FILTER (WHERE best.tier_id IS NOT NULL),
                               '{}'::jsonb
                           ) AS tiers
                      FROM scored
                      LEFT JOIN best
                        ON best.partner_id = scored.partner_id
                       AND best.company_id = scored.company_id
                     GROUP BY scored.partner_id
                )
                UPDATE res_partner p
                   SET suggested_tier_id = NULLIF(
                           (COALESCE(p.suggested_tier_id, '{}'::jsonb)
                            - %(company_keys)s::text[])
                           || suggestion.tiers,
                           '{}'::jsonb
                       )
                  FROM suggestion
                 WHERE p.id = suggestion.partner_id
                """,
                company_ids=tuple(companies.ids),
                company_list=list(companies.ids),
                company_keys=[str(company_id) for company_id in companies.ids],
                restrict=restrict,
            )
        )
        count = self.env.cr.rowcount
        self.env["res.partner"].invalidate_model(["suggested_tier_id"])
        _logger.info(
            "Tier suggestions refreshed for %s accounts in %s companies",
            count,
            len(companies),
        )
        return count

    @api.model
    def _commercial_fields(self):
        return [
            *super()._commercial_fields(),
            "tier_set_by_id",
            "tier_set_date",
            "tier_reason",
            "potential_rating",
            "strategic_rating",
            "strategic_reason",
        ]
