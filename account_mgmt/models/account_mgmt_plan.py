# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

from markupsafe import Markup
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, date_utils

_logger = logging.getLogger(__name__)

# Opportunity kinds that grow an existing account.
EXPANSION_KINDS = ("upsell", "cross_sell")
# A plan left unchanged for more than this many days is stale.
STALE_DAYS = 90
# Handover readiness: points lost per missing item, out of 100.
PENALTY_NO_OVERVIEW = 10
PENALTY_NO_QUARTER_GOAL = 20
PENALTY_INCOMPLETE_GOAL = 15
PENALTY_STALE = 15
PENALTY_PER_STAKEHOLDER_GAP = 5
PENALTY_NO_BACKUP = 15


class AccountMgmtPlan(models.Model):
    """Account plan for one period: overview, footprint, goals and risks.

    Only one plan per account and company may be active over a given day;
    closed plans stay as history.
    """

    _name = "account.mgmt.plan"
    _description = "Account Plan"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "date_start desc, id desc"
    _check_company_auto = True

    _date_order = models.Constraint(
        "CHECK (date_end >= date_start)",
        "The end of a plan period must not come before its start.",
    )

    name = fields.Char(
        compute="_compute_name",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        tracking=True,
        domain=[("is_company", "=", True)],
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        related="partner_id.account_manager_id", string="Account Manager", store=True
    )
    backup_user_id = fields.Many2one(
        related="partner_id.account_backup_manager_id", string="Backup Manager"
    )
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
        copy=False,
    )
    date_start = fields.Date(
        string="Period Start",
        required=True,
        tracking=True,
        default=lambda self: self._default_date_start(),
    )
    date_end = fields.Date(
        string="Period End",
        required=True,
        tracking=True,
        default=lambda self: self._default_date_end(),
    )
    last_update_date = fields.Date(
        readonly=True,
        copy=False,
        default=fields.Date.context_today,
        help="Day someone last changed the plan, its goals or its risks.",
    )

    # Overview
    business_overview = fields.Text(
        string="Client's Business",
        tracking=True,
        help="What the client does and for whom.",
    )
    client_goals = fields.Text(string="Client's Goals for the Year", tracking=True)
    value_proposition = fields.Text(string="How Our Offer Serves Them", tracking=True)
    buying_cycle = fields.Text(
        tracking=True,
        help="Who buys, when budgets are set and how a purchase is approved.",
    )
    pressures = fields.Text(
        tracking=True, help="Market, competition and internal pressures on the client."
    )

    goal_ids = fields.One2many("account.mgmt.plan.goal", "plan_id", string="Goals")
    risk_ids = fields.One2many("account.mgmt.plan.risk", "plan_id", string="Risks")
    footprint_ids = fields.One2many(
        "account.mgmt.plan.footprint", "plan_id", string="Footprint"
    )
    footprint_date = fields.Date(
        readonly=True,
        copy=False,
        help="Last day of the 12 months the footprint was computed over.",
    )
    footprint_amount = fields.Monetary(
        compute="_compute_footprint_amount",
        help="Untaxed amount the account bought in the 12 months of the footprint.",
    )
    white_space_category_ids = fields.Many2many(
        "account.mgmt.offer.category",
        string="White Space",
        compute="_compute_white_space",
        help="Offer categories the account bought nothing from in the footprint window.",
    )
    white_space_amount = fields.Monetary(
        compute="_compute_white_space",
        help="Sum of the typical annual values of the white-space offers.",
    )

    opportunity_ids = fields.One2many(
        "crm.lead", "account_plan_id", string="Opportunities"
    )
    opportunity_count = fields.Integer(compute="_compute_pipeline_amounts")
    open_pipeline_amount = fields.Monetary(
        string="Open Pipeline",
        compute="_compute_pipeline_amounts",
        help="Expected revenue of the plan's open opportunities.",
    )
    won_expansion_amount = fields.Monetary(
        string="Won Expansion",
        compute="_compute_pipeline_amounts",
        help="Expected revenue of the plan's won upsell and cross-sell opportunities.",
    )

    stakeholder_gaps = fields.Text(related="partner_id.stakeholder_gaps")
    completeness_score = fields.Integer(
        string="Handover Readiness",
        compute="_compute_completeness",
        search="_search_completeness_score",
        help="100 when a colleague could take the account over tomorrow; each "
        "missing item lowers it.",
    )
    completeness_missing = fields.Text(
        string="Missing for Handover", compute="_compute_completeness"
    )

    # ------------------------------------------------------------
    # DEFAULTS
    # ------------------------------------------------------------

    def _default_date_start(self):
        return date_utils.start_of(fields.Date.context_today(self), "year")

    def _default_date_end(self):
        return date_utils.end_of(fields.Date.context_today(self), "year")

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("partner_id", "date_start", "date_end")
    def _compute_name(self):
        for plan in self:
            if plan.partner_id and plan.date_start and plan.date_end:
                plan.name = self.env._(
                    "%(account)s, %(start)s to %(end)s",
                    account=plan.partner_id.name,
                    start=plan.date_start,
                    end=plan.date_end,
                )

    @api.depends("footprint_ids.amount")
    def _compute_footprint_amount(self):
        for plan in self:
            plan.footprint_amount = sum(plan.footprint_ids.mapped("amount"))

    @api.depends("footprint_ids.offer_category_id")
    def _compute_white_space(self):
        catalogue = self.env["account.mgmt.offer.category"].search([])
        for plan in self:
            white_space = catalogue - plan.footprint_ids.offer_category_id
            plan.white_space_category_ids = white_space
            plan.white_space_amount = sum(white_space.mapped("expected_annual_value"))

    @api.depends(
        "opportunity_ids.expected_revenue",
        "opportunity_ids.won_status",
        "opportunity_ids.opportunity_kind",
    )
    def _compute_pipeline_amounts(self):
        figures = {}
        if self.ids:
            # The figures sum every linked opportunity, also those the user's
            # sales rules hide, so that every reader sees the same plan.
            groups = (
                self.env["crm.lead"]
                .sudo()
                ._read_group(
                    [("account_plan_id", "in", self.ids), ("type", "=", "opportunity")],
                    ["account_plan_id", "won_status", "opportunity_kind"],
                    ["expected_revenue:sum", "__count"],
                )
            )
            for plan, won_status, kind, amount, count in groups:
                open_amount, won_amount, total = figures.get(plan.id, (0.0, 0.0, 0))
                if won_status == "pending":
                    open_amount += amount
                elif won_status == "won" and kind in EXPANSION_KINDS:
                    won_amount += amount
                figures[plan.id] = (open_amount, won_amount, total + count)
        for plan in self:
            open_amount, won_amount, total = figures.get(plan.id, (0.0, 0.0, 0))
            plan.open_pipeline_amount = open_amount
            plan.won_expansion_amount = won_amount
            plan.opportunity_count = total

    @api.depends(
        "business_overview",
        "last_update_date",
        "date_start",
        "date_end",
        "goal_ids.user_id",
        "goal_ids.date_due",
        "partner_id.account_backup_manager_id",
        "partner_id.stakeholder_gaps",
    )
    def _compute_completeness(self):
        for plan in self:
            missing = plan._get_completeness_missing()
            plan.completeness_score = max(0, 100 - sum(p for __, p in missing))
            plan.completeness_missing = "\n".join(label for label, __ in missing)

    def _search_completeness_score(self, operator, value):
        """Filter plans on their handover readiness, computed in Python."""
        compare = {
            "<": lambda score: score < value,
            "<=": lambda score: score <= value,
            ">": lambda score: score > value,
            ">=": lambda score: score >= value,
            "in": lambda score: score in value,
            "not in": lambda score: score not in value,
        }.get(operator)
        if compare is None:
            return NotImplemented
        plans = self.search([])
        return [
            ("id", "in", plans.filtered(lambda p: compare(p.completeness_score)).ids)
        ]

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("partner_id")
    def _check_partner_is_account(self):
        for plan in self:
            if plan.partner_id.commercial_partner_id != plan.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is a contact of %(account)s: make the plan "
                        "for the account %(account)s instead.",
                        partner=plan.partner_id.display_name,
                        account=plan.partner_id.commercial_partner_id.display_name,
                    )
                )

    @api.constrains("partner_id", "company_id", "state", "date_start", "date_end")
    def _check_single_active_plan(self):
        for plan in self.filtered(lambda p: p.state == "active"):
            other = self.search(
                [
                    ("id", "!=", plan.id),
                    ("partner_id", "=", plan.partner_id.id),
                    ("company_id", "=", plan.company_id.id),
                    ("state", "=", "active"),
                    ("date_start", "<=", plan.date_end),
                    ("date_end", ">=", plan.date_start),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "%(account)s already has the active plan %(other)s over "
                        "this period. Close it, or give this plan a period that "
                        "does not overlap (%(start)s to %(end)s overlaps).",
                        account=plan.partner_id.display_name,
                        other=other.name,
                        start=plan.date_start,
                        end=plan.date_end,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_goal_dates_in_period(self):
        self.goal_ids._check_date_due_in_period()

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        plans = super().create(vals_list)
        plans._refresh_footprint()
        return plans

    def write(self, vals):
        if "last_update_date" not in vals and set(vals) - {"footprint_date"}:
            vals = dict(vals, last_update_date=fields.Date.context_today(self))
        return super().write(vals)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_activate(self):
        self.write({"state": "active"})

    def action_close(self):
        self.write({"state": "closed"})

    def action_refresh_footprint(self):
        """Recompute the footprint of the plans from their account's sale orders."""
        self._refresh_footprint()
        return True

    def action_view_opportunities(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "crm.crm_lead_opportunities"
        )
        action["domain"] = [("account_plan_id", "=", self.id)]
        action["context"] = {
            "default_account_plan_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_type": "opportunity",
        }
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _prepare_opportunity_values(self, kind, goal=None, offer_category=None):
        self.ensure_one()
        if goal:
            name = goal.name
            expected_revenue = 0.0
        elif offer_category:
            name = self.env._(
                "%(offer)s for %(account)s",
                offer=offer_category.name,
                account=self.partner_id.name,
            )
            expected_revenue = offer_category.expected_annual_value
        else:
            name = self.env._(
                "Opportunity for %(account)s", account=self.partner_id.name
            )
            expected_revenue = 0.0
        return {
            "name": name,
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "user_id": (self.user_id or self.env.user).id,
            "opportunity_kind": kind,
            "account_plan_id": self.id,
            "plan_goal_id": goal.id if goal else False,
            "expected_revenue": expected_revenue,
        }

    def _action_create_opportunity(
        self, kind, goal=None, offer_category=None, confirmed=False
    ):
        """Create an opportunity of ``kind`` for the plan's account and open it.

        An upsell or cross-sell for an account with expansion warnings (see
        ``res.partner._get_expansion_warnings``) needs a confirmation first:
        without ``confirmed`` this returns the confirmation wizard instead.

        :return: window action on the new opportunity, or on the wizard
        """
        self.ensure_one()
        self.check_access("write")
        warnings = self.partner_id._get_expansion_warnings(self.company_id)
        if kind in EXPANSION_KINDS and warnings and not confirmed:
            wizard = self.env["account.mgmt.expansion.wizard"].create(
                {
                    "plan_id": self.id,
                    "goal_id": goal.id if goal else False,
                    "offer_category_id": offer_category.id if offer_category else False,
                    "opportunity_kind": kind,
                    "warnings": "\n".join(warnings),
                }
            )
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Confirm Expansion"),
                "res_model": wizard._name,
                "res_id": wizard.id,
                "view_mode": "form",
                "target": "new",
            }
        values = self._prepare_opportunity_values(kind, goal, offer_category)
        lead = (
            self.env["crm.lead"]
            .with_context(account_mgmt_expansion_confirmed=confirmed)
            .create(values)
        )
        self.message_post(
            body=self.env._(
                "Opportunity %(lead)s created from the plan.",
                lead=lead._get_html_link(),
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "crm.lead",
            "res_id": lead.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _refresh_footprint(self):
        """Rebuild the footprint lines from the account's confirmed sale orders.

        The footprint covers the 12 months ending on the plan's end date, or
        today while the plan runs, by order date. It sums the untaxed
        subtotal (``price_subtotal``) of the product lines of confirmed
        orders (state ``sale``) of the account and its contacts in the
        plan's company, by product category. Cancelled orders and quotations
        are left out, and so are down payment lines because the final lines
        carry the amounts. Amounts are in company currency, converted at
        each order's own rate: ``price_subtotal / sale_order.currency_rate``,
        the rate Odoo stored on the order for its order date.
        """
        plans = self.sudo()
        plans.footprint_ids.unlink()
        today = fields.Date.context_today(self)
        line_values = []
        for plan in plans:
            date_to = min(plan.date_end, today)
            date_from, date_to = self.env["res.partner"]._revenue_window(date_to)
            for category_id, amount in plan._query_footprint(date_from, date_to):
                line_values.append(
                    {
                        "plan_id": plan.id,
                        "product_category_id": category_id,
                        "amount": amount,
                    }
                )
            plan.footprint_date = date_to
        self.env["account.mgmt.plan.footprint"].sudo().create(line_values)

    def _query_footprint(self, date_from, date_to):
        self.ensure_one()
        self.env.flush_all()
        return self.env.execute_query(
            SQL(
                """
                SELECT template.categ_id,
                       ROUND(SUM(line.price_subtotal
                                 / COALESCE(NULLIF(so.currency_rate, 0), 1))::numeric, 2)
                  FROM sale_order_line line
                  JOIN sale_order so ON so.id = line.order_id
                  JOIN res_partner customer ON customer.id = so.partner_id
                  JOIN product_product product ON product.id = line.product_id
                  JOIN product_template template ON template.id = product.product_tmpl_id
                 WHERE so.state = 'sale'
                   AND so.company_id = %(company_id)s
                   AND customer.commercial_partner_id = %(account_id)s
                   AND so.date_order >= %(date_from)s
                   AND so.date_order < %(date_after)s
                   AND line.display_type IS NULL
                   AND line.is_downpayment IS NOT TRUE
                 GROUP BY template.categ_id
                 ORDER BY 2 DESC
                """,
                company_id=self.company_id.id,
                account_id=self.partner_id.id,
                date_from=date_from,
                date_after=date_to + timedelta(days=1),
            )
        )

    def _log_line_change(self, summary, line=None, changes=None):
        """Log a change of a goal or risk in the plan's chatter and mark the plan updated.

        :param summary: one-line text of the change
        :param line: the goal or risk that changed
        :param changes: list of (field name, old value, new value) of ``line``
        """
        body = Markup("<p>%s</p>") % summary
        if changes:
            items = Markup()
            for name, old, new in changes:
                field = line._fields[name]
                items += Markup("<li>%s: %s → %s</li>") % (
                    field._description_string(self.env),
                    self._format_tracked_value(field, old),
                    self._format_tracked_value(field, new),
                )
            body += Markup("<ul>%s</ul>") % items
        for plan in self:
            plan.message_post(body=body, subtype_xmlid="mail.mt_note")
        self._mark_updated()

    def _mark_updated(self):
        today = fields.Date.context_today(self)
        stale = self.filtered(lambda plan: plan.last_update_date != today)
        if stale:
            stale.write({"last_update_date": today})

    def _format_tracked_value(self, field, value):
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "many2one":
            return value.display_name or ""
        return "" if value is False else str(value)

    def _get_completeness_missing(self):
        """Return what the plan lacks for a handover, as (label, penalty) pairs.

        "This quarter" is the quarter of today, or of the nearest day of the
        plan period when today falls outside it.
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        reference = (
            min(max(today, self.date_start), self.date_end)
            if self.date_start
            else today
        )
        quarter_start, quarter_end = date_utils.get_quarter(reference)
        missing = []
        if not (self.business_overview or "").strip():
            missing.append(
                (
                    self.env._("The client's business is not described"),
                    PENALTY_NO_OVERVIEW,
                )
            )
        if not self.goal_ids.filtered(
            lambda g: g.date_due and quarter_start <= g.date_due <= quarter_end
        ):
            missing.append(
                (self.env._("No goal for this quarter"), PENALTY_NO_QUARTER_GOAL)
            )
        if self.goal_ids.filtered(lambda g: not g.user_id or not g.date_due):
            missing.append(
                (
                    self.env._("A goal has no owner or no due date"),
                    PENALTY_INCOMPLETE_GOAL,
                )
            )
        if self.last_update_date and (today - self.last_update_date).days > STALE_DAYS:
            missing.append(
                (
                    self.env._(
                        "Plan not updated for %(days)s days",
                        days=(today - self.last_update_date).days,
                    ),
                    PENALTY_STALE,
                )
            )
        if self.partner_id.stakeholder_gaps:
            for gap in self.partner_id.stakeholder_gaps.split("\n"):
                missing.append((gap, PENALTY_PER_STAKEHOLDER_GAP))
        if not self.partner_id.account_backup_manager_id:
            missing.append((self.env._("No backup manager"), PENALTY_NO_BACKUP))
        return missing

    @api.model
    def _get_current_plan(self, account, company=None):
        """Return the account's plan running today in ``company``, if any."""
        account = account.commercial_partner_id
        return self._get_current_plans(account, company).get(account.id, self)

    @api.model
    def _get_current_plans(self, accounts, company=None):
        """Return the plan running today in ``company`` of each account.

        The active plan covering today wins; otherwise the draft or active
        plan with the latest start.

        :return: dict account id -> plan, for the accounts that have one
        """
        if not accounts:
            return {}
        company = company or self.env.company
        today = fields.Date.context_today(self)
        plans = self.search(
            [
                ("partner_id", "in", accounts.ids),
                ("company_id", "=", company.id),
                ("state", "in", ("draft", "active")),
            ],
            order="date_start desc, id desc",
        )
        result = {}
        for plan in plans:
            result.setdefault(plan.partner_id.id, plan)
        running = plans.filtered(
            lambda plan: (
                plan.state == "active" and plan.date_start <= today <= plan.date_end
            )
        )
        for plan in running:
            result[plan.partner_id.id] = plan
        return result
