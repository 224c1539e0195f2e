# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import logging
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, float_round

from .account_mgmt_health_snapshot import HEALTH_BANDS

_logger = logging.getLogger(__name__)

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"

# Buying cycle assumed for an account with fewer than two orders in 24 months.
DEFAULT_CYCLE_DAYS = 90
# Proactive interactions over 90 days that earn the full proactive score.
PROACTIVE_TARGET = 3
# Average days paid late that bring the lateness score to 0.
LATE_DAYS_ZERO = 60
# Accounts scored per batch by the scheduled action.
HEALTH_BATCH_SIZE = 200


class ResPartner(models.Model):
    """Account health: a blended 0-100 score, its band, breakdown and trend."""

    _inherit = "res.partner"

    health_score = fields.Float(
        digits=(5, 1),
        readonly=True,
        aggregator="avg",
        groups=ACCOUNT_GROUP,
        help="Weighted average of the component scores the account has data "
        "for, 0 to 100.",
    )
    health_band = fields.Selection(HEALTH_BANDS, readonly=True, groups=ACCOUNT_GROUP)
    health_weakest_component = fields.Selection(
        selection="_selection_health_component",
        string="Weakest Component",
        readonly=True,
        groups=ACCOUNT_GROUP,
    )
    health_breakdown = fields.Json(
        string="Health Facts",
        readonly=True,
        groups=ACCOUNT_GROUP,
        help="Per component: score, share of the weight in percent, and facts.",
    )
    health_breakdown_html = fields.Html(
        string="Health Breakdown",
        compute="_compute_health_breakdown_html",
        sanitize=False,
        groups=ACCOUNT_GROUP,
    )
    health_date = fields.Date(
        string="Health As Of", readonly=True, groups=ACCOUNT_GROUP
    )
    health_trend_30 = fields.Float(
        string="Health Change 30 Days",
        digits=(5, 1),
        readonly=True,
        groups=ACCOUNT_GROUP,
        help="Score now minus the score of the last snapshot taken at least "
        "30 days earlier; 0 without such a snapshot.",
    )
    health_trend_90 = fields.Float(
        string="Health Change 90 Days",
        digits=(5, 1),
        readonly=True,
        groups=ACCOUNT_GROUP,
    )
    is_health_drop_alerted = fields.Boolean(
        string="Health Drop Alerted",
        readonly=True,
        groups=ACCOUNT_GROUP,
        help="Set when the manager got an activity for the current drop; "
        "cleared once the score no longer shows that drop.",
    )
    usage_score = fields.Float(
        digits=(5, 1),
        groups=ACCOUNT_GROUP,
        help="Product usage, 0 to 100, fed by an integration or a CSV import. "
        "Counts in the engagement score when a usage date is set.",
    )
    usage_date = fields.Date(groups=ACCOUNT_GROUP)
    health_snapshot_ids = fields.One2many(
        "account.mgmt.health.snapshot",
        "partner_id",
        string="Health History",
        groups=ACCOUNT_GROUP,
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.model
    def _selection_health_component(self):
        return self.env["account.mgmt.health.component"]._fields["code"].selection

    @api.depends("health_breakdown")
    def _compute_health_breakdown_html(self):
        labels = dict(self._selection_health_component())
        for partner in self:
            breakdown = partner.health_breakdown or {}
            rows = Markup()
            for code, detail in breakdown.items():
                facts = ", ".join(
                    f"{key.replace('_', ' ')}: {value}"
                    for key, value in detail["facts"].items()
                )
                rows += Markup(
                    "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>"
                ) % (
                    labels.get(code, code),
                    detail["score"],
                    detail["weight"],
                    escape(facts),
                )
            partner.health_breakdown_html = (
                Markup(
                    "<table class='table table-sm'><thead><tr><th>%s</th><th>%s</th>"
                    "<th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
                )
                % (
                    self.env._("Component"),
                    self.env._("Score"),
                    self.env._("Weight"),
                    self.env._("Facts"),
                    rows,
                )
                if breakdown
                else False
            )

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("usage_score")
    def _check_usage_score(self):
        for partner in self:
            if not 0 <= partner.usage_score <= 100:
                raise ValidationError(
                    self.env._(
                        "Usage score %(score)s of %(account)s is out of range: "
                        "enter a number from 0 to 100.",
                        score=partner.usage_score,
                        account=partner.display_name,
                    )
                )

    @api.model
    def _check_health_settings(self, healthy_min, at_risk_min, drop_threshold):
        """Raise when the band thresholds are out of order or out of 0-100."""
        if not 0 < at_risk_min < healthy_min <= 100:
            raise ValidationError(
                self.env._(
                    "Health bands out of order: at risk from %(at_risk)s and "
                    "healthy from %(healthy)s. Use 0 < at risk < healthy <= 100.",
                    at_risk=at_risk_min,
                    healthy=healthy_min,
                )
            )
        if not 0 < drop_threshold <= 100:
            raise ValidationError(
                self.env._(
                    "Health drop alert %(threshold)s is out of range: enter a "
                    "number of points from 1 to 100.",
                    threshold=drop_threshold,
                )
            )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_refresh_health(self):
        """Score the selected accounts now and record today's snapshot."""
        accounts = self.commercial_partner_id
        today = fields.Date.context_today(self)
        accounts._refresh_health(today)
        # Snapshots are history kept by the system: users only read them.
        self.env["account.mgmt.health.snapshot"].sudo()._take_snapshots(accounts, today)
        return True

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_refresh_health(self):
        """Score every customer account, in committed batches."""
        self._cron_health_batches(snapshot=False)

    @api.model
    def _cron_snapshot_health(self):
        """Score every customer account and record the weekly snapshot."""
        self._cron_health_batches(snapshot=True)

    @api.model
    def _cron_health_batches(self, snapshot):
        companies = self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all
        # Score the accounts of every company, not only those of the cron user.
        partners = self.sudo().with_context(allowed_company_ids=companies.ids)
        account_ids = partners.search(
            [("is_customer_account", "=", True)], order="id"
        ).ids
        today = fields.Date.context_today(self)
        _logger.info(
            "Account health refresh started for %s accounts (snapshot: %s)",
            len(account_ids),
            snapshot,
        )
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=len(account_ids))
        done = 0
        for start in range(0, len(account_ids), HEALTH_BATCH_SIZE):
            batch = partners.browse(account_ids[start : start + HEALTH_BATCH_SIZE])
            batch._refresh_health(today)
            if snapshot:
                partners.env["account.mgmt.health.snapshot"]._take_snapshots(
                    batch, today
                )
            done += len(batch)
            _logger.info("Account health: %s of %s accounts", done, len(account_ids))
            if not cron._commit_progress(len(batch)):
                break
            # The commit ended the batch: drop its records from the cache.
            self.env.invalidate_all()
        _logger.info("Account health refresh done: %s accounts scored", done)

    # ------------------------------------------------------------
    # HEALTH SCORE
    # ------------------------------------------------------------

    def _refresh_health(self, date_to=None):
        """Score the accounts in ``self`` as of ``date_to`` (default today).

        A fixed number of queries whatever the number of accounts: one per
        component, one for the weights, one for the snapshots, one write.
        Then alerts the managers of accounts whose score dropped.
        """
        accounts = self.commercial_partner_id
        if not accounts:
            return
        date_to = date_to or fields.Date.context_today(self)
        self.env.flush_all()
        scores = accounts._health_component_scores(date_to)
        weights_by_tier = (
            self.env["account.mgmt.health.component"]
            .sudo()
            ._health_weights_by_tier(accounts.tier_id)
        )
        bands = self._health_settings()
        past = accounts._health_past_scores(date_to)
        dropped = self.browse()
        values_by_id = {}
        for account in accounts:
            weights = weights_by_tier.get(account.tier_id.id, weights_by_tier[False])
            values = self._health_blend(account.id, scores, weights, bands, date_to)
            if values["health_date"]:
                for days in (30, 90):
                    old = past[days].get(account.id)
                    if old is not None:
                        values[f"health_trend_{days}"] = float_round(
                            values["health_score"] - old, 1
                        )
            is_drop = -values["health_trend_30"] > bands["drop_threshold"]
            if is_drop and not account.is_health_drop_alerted:
                dropped |= account
            values["is_health_drop_alerted"] = is_drop
            values_by_id[account.id] = values
        self._health_store(values_by_id)
        dropped._health_alert_managers()

    @api.model
    def _health_blend(self, account_id, scores, weights, bands, date_to):
        """Return the health field values of one account.

        Components without a score for the account are left out and the
        weights of the others rescaled to 100 %, so a missing component never
        counts as 0.
        """
        present = {
            code: by_account[account_id]
            for code, by_account in scores.items()
            if account_id in by_account and weights.get(code, 0) > 0
        }
        empty = {
            "health_score": 0.0,
            "health_band": False,
            "health_weakest_component": False,
            "health_breakdown": False,
            "health_date": False,
            "health_trend_30": 0.0,
            "health_trend_90": 0.0,
        }
        if not present:
            return empty
        total_weight = sum(weights[code] for code in present)
        blended = sum(weights[code] * present[code][0] for code in present)
        score = float_round(blended / total_weight, 1)
        weakest = min(present, key=lambda code: (present[code][0], code))
        breakdown = {
            code: {
                "score": float_round(present[code][0], 1),
                "weight": float_round(100 * weights[code] / total_weight, 1),
                "facts": present[code][1],
            }
            for code in present
        }
        if score >= bands["healthy_min"]:
            band = "healthy"
        elif score >= bands["at_risk_min"]:
            band = "at_risk"
        else:
            band = "critical"
        return dict(
            empty,
            health_score=score,
            health_band=band,
            health_weakest_component=weakest,
            health_breakdown=breakdown,
            health_date=date_to,
        )

    def _health_component_scores(self, date_to):
        """Return the component scores of the accounts in ``self``.

        Override point for extension modules: call super, then add your
        component, for instance::

            scores = super()._health_component_scores(date_to)
            scores.update(
                self._health_collect("support", self._health_facts_support,
                                     self._health_score_support, date_to)
            )
            return scores

        and give it a weight row (``account.mgmt.health.component``, with
        ``selection_add`` on its ``code``). Leave an account out of a
        component's dict when there is no data for it: it is then left out
        of the blend instead of counting as 0.

        :return: {component code: {account id: (score 0-100, facts dict)}}
        """
        scores = {}
        for code, facts_method, score_method in (
            (
                "engagement",
                self._health_facts_engagement,
                self._health_score_engagement,
            ),
            ("payment", self._health_facts_payment, self._health_score_payment),
            (
                "satisfaction",
                self._health_facts_satisfaction,
                self._health_score_satisfaction,
            ),
        ):
            scores.update(
                self._health_collect(code, facts_method, score_method, date_to)
            )
        return scores

    def _health_collect(self, code, facts_method, score_method, date_to):
        """Run one component for the accounts in ``self``, isolating failures.

        ``facts_method(date_to)`` returns {account id: facts} for the whole
        batch; ``score_method(facts)`` turns one account's facts into a score
        or None. A failure is logged with the account ids and that component
        skipped for them; the run goes on.
        """
        try:
            with self.env.cr.savepoint():
                facts_by_account = facts_method(date_to)
        except Exception:  # pylint: disable=broad-exception-caught
            # A failing component is logged and left out; the run goes on.
            _logger.exception(
                "Health component %s failed for accounts %s; skipped", code, self.ids
            )
            return {code: {}}
        result = {}
        for account_id, facts in facts_by_account.items():
            try:
                score = score_method(facts)
            except Exception:  # pylint: disable=broad-exception-caught
                _logger.exception(
                    "Health component %s failed for account %s; skipped",
                    code,
                    account_id,
                )
                continue
            if score is not None:
                result[account_id] = (max(0.0, min(100.0, score)), facts)
        return {code: result}

    # ------------------------------------------------------------
    # ENGAGEMENT
    # ------------------------------------------------------------

    def _health_facts_engagement(self, date_to):
        """Order rhythm, proactive interactions and usage of each account."""
        ids = tuple(self.ids)
        since_24m = date_to - timedelta(days=729)
        since_12m = date_to - timedelta(days=364)
        orders = {
            row[0]: row[1:]
            for row in self.env.execute_query(
                SQL(
                    """
                    SELECT customer.commercial_partner_id,
                           COUNT(*),
                           MAX(so.date_order::date),
                           MIN(so.date_order::date) FILTER (
                               WHERE so.date_order::date >= %(since_24m)s),
                           COUNT(*) FILTER (
                               WHERE so.date_order::date >= %(since_24m)s),
                           COUNT(*) FILTER (
                               WHERE so.date_order::date >= %(since_12m)s)
                      FROM sale_order so
                      JOIN res_partner customer ON customer.id = so.partner_id
                     WHERE so.state = 'sale'
                       AND so.date_order::date <= %(date_to)s
                       AND customer.commercial_partner_id IN %(ids)s
                     GROUP BY 1
                    """,
                    since_24m=since_24m,
                    since_12m=since_12m,
                    date_to=date_to,
                    ids=ids,
                )
            )
        }
        proactive = dict(self._health_proactive_counts(date_to))
        facts = {}
        for account in self:
            account_facts = {
                "proactive_interactions_90d": proactive.get(account.id, 0),
            }
            if account.id in orders:
                _count, last, first_24m, count_24m, count_12m = orders[account.id]
                cycle = (
                    (last - first_24m).days / (count_24m - 1)
                    if count_24m >= 2
                    else DEFAULT_CYCLE_DAYS
                )
                account_facts.update(
                    last_order_date=fields.Date.to_string(last),
                    days_since_last_order=(date_to - last).days,
                    buying_cycle_days=float_round(max(cycle, 1.0), 1),
                    orders_12m=count_12m,
                )
            if account.usage_date:
                account_facts["usage_score"] = account.usage_score
            facts[account.id] = account_facts
        return facts

    def _health_proactive_counts(self, date_to):
        """Count proactive messages of the last 90 days per account.

        Messages logged on the account, its contacts or their opportunities
        with an activity type marked proactive.
        """
        since = date_to - timedelta(days=89)
        return self.env.execute_query(
            SQL(
                """
                SELECT contact.commercial_partner_id, COUNT(DISTINCT msg.id)
                  FROM mail_message msg
                  JOIN mail_activity_type activity_type
                    ON activity_type.id = msg.mail_activity_type_id
                  LEFT JOIN crm_lead lead
                    ON msg.model = 'crm.lead' AND lead.id = msg.res_id
                  JOIN res_partner contact
                    ON contact.id = CASE WHEN msg.model = 'res.partner'
                                         THEN msg.res_id
                                         ELSE lead.partner_id END
                 WHERE activity_type.is_proactive
                   AND msg.model IN ('res.partner', 'crm.lead')
                   AND msg.date::date BETWEEN %(since)s AND %(date_to)s
                   AND contact.commercial_partner_id IN %(ids)s
                 GROUP BY 1
                """,
                since=since,
                date_to=date_to,
                ids=tuple(self.ids),
            )
        )

    @api.model
    def _health_score_engagement(self, facts):
        """Average of the order recency, order frequency, proactive and usage scores.

        Recency: 100 up to one buying cycle since the last order, falling
        straight to 0 at three cycles. Frequency: orders of the last 12
        months against the 365 / cycle the account's rhythm predicts, capped
        at 100. Accounts that never ordered have neither sub-score.
        """
        parts = [
            100.0
            * min(facts["proactive_interactions_90d"], PROACTIVE_TARGET)
            / PROACTIVE_TARGET
        ]
        if "buying_cycle_days" in facts:
            cycle = facts["buying_cycle_days"]
            days = facts["days_since_last_order"]
            parts.append(
                100.0
                if days <= cycle
                else max(0.0, 100.0 * (3 * cycle - days) / (2 * cycle))
            )
            parts.append(min(100.0, 100.0 * facts["orders_12m"] * cycle / 365))
        if "usage_score" in facts:
            parts.append(facts["usage_score"])
        return sum(parts) / len(parts)

    # ------------------------------------------------------------
    # PAYMENT
    # ------------------------------------------------------------

    def _health_facts_payment(self, date_to):
        """Open and overdue receivable, and average days paid late over 12 months.

        Amounts are in company currency, summed over the current companies.
        The receivable is the ledger's state now, whatever ``date_to``.
        """
        since = date_to - timedelta(days=364)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT move.commercial_partner_id,
                       SUM(move.amount_residual_signed),
                       SUM(move.amount_residual_signed) FILTER (
                           WHERE move.invoice_date_due < %(date_to)s),
                       NULL::numeric,
                       0
                  FROM account_move move
                 WHERE move.move_type = 'out_invoice'
                   AND move.state = 'posted'
                   AND move.payment_state IN ('not_paid', 'partial')
                   AND move.amount_residual_signed > 0
                   AND move.company_id IN %(company_ids)s
                   AND move.commercial_partner_id IN %(ids)s
                 GROUP BY 1
                UNION ALL
                SELECT move.commercial_partner_id,
                       0,
                       0,
                       AVG(GREATEST(paid.paid_date - move.invoice_date_due, 0)),
                       COUNT(*)
                  FROM account_move move
                  JOIN LATERAL (
                      SELECT MAX(partial.max_date) AS paid_date
                        FROM account_move_line line
                        JOIN account_account account ON account.id = line.account_id
                        JOIN account_partial_reconcile partial
                          ON partial.debit_move_id = line.id
                       WHERE line.move_id = move.id
                         AND account.account_type = 'asset_receivable'
                  ) paid ON TRUE
                 WHERE move.move_type = 'out_invoice'
                   AND move.state = 'posted'
                   AND move.payment_state IN ('paid', 'in_payment')
                   AND paid.paid_date BETWEEN %(since)s AND %(date_to)s
                   AND move.company_id IN %(company_ids)s
                   AND move.commercial_partner_id IN %(ids)s
                 GROUP BY 1
                """,
                date_to=date_to,
                since=since,
                company_ids=tuple(self.env.companies.ids),
                ids=tuple(self.ids),
            )
        )
        facts = defaultdict(dict)
        for partner_id, open_amount, overdue, late_days, paid_count in rows:
            if paid_count:
                facts[partner_id]["paid_invoices_12m"] = paid_count
                facts[partner_id]["average_days_late"] = float_round(
                    float(late_days), 1
                )
            else:
                facts[partner_id]["open_receivable"] = float(open_amount)
                facts[partner_id]["overdue_receivable"] = float(overdue or 0.0)
        return dict(facts)

    @api.model
    def _health_score_payment(self, facts):
        """Average of the on-time share of the open receivable and the lateness score.

        On-time share: 100 x (1 - overdue / open). Lateness: 100 at 0 days
        late on average, falling straight to 0 at 60 days.
        """
        parts = []
        if facts.get("open_receivable"):
            parts.append(
                100.0 * (1 - facts["overdue_receivable"] / facts["open_receivable"])
            )
        if "average_days_late" in facts:
            parts.append(
                max(0.0, 100.0 - 100.0 * facts["average_days_late"] / LATE_DAYS_ZERO)
            )
        return sum(parts) / len(parts) if parts else None

    # ------------------------------------------------------------
    # SATISFACTION
    # ------------------------------------------------------------

    def _health_facts_satisfaction(self, date_to):
        """Collect the latest NPS or CSAT response of each contact over 12 months."""
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT ON (response.partner_id)
                       response.commercial_partner_id,
                       response.survey_type,
                       response.score
                  FROM account_mgmt_satisfaction response
                 WHERE response.commercial_partner_id IN %(ids)s
                   AND response.date BETWEEN %(since)s AND %(date_to)s
                 ORDER BY response.partner_id, response.date DESC, response.id DESC
                """,
                ids=tuple(self.ids),
                since=date_to - timedelta(days=364),
                date_to=date_to,
            )
        )
        facts = defaultdict(lambda: {"nps": [], "csat": []})
        for partner_id, survey_type, score in rows:
            facts[partner_id][survey_type].append(score)
        return dict(facts)

    @api.model
    def _health_score_satisfaction(self, facts):
        """Average the latest responses of the contacts: NPS x 10, (CSAT - 1) x 25."""
        normalised = [score * 10.0 for score in facts["nps"]] + [
            (score - 1) * 25.0 for score in facts["csat"]
        ]
        return sum(normalised) / len(normalised) if normalised else None

    # ------------------------------------------------------------
    # TREND AND ALERTS
    # ------------------------------------------------------------

    def _health_past_scores(self, date_to):
        """Return {30: {account id: score}, 90: {...}} from the last snapshot
        taken at least that many days before ``date_to``."""
        rows = self.env.execute_query(
            SQL(
                """
                SELECT horizon.days, snap.partner_id, snap.score
                  FROM (VALUES (30), (90)) AS horizon(days)
                  JOIN LATERAL (
                      SELECT DISTINCT ON (s.partner_id) s.partner_id, s.score
                        FROM account_mgmt_health_snapshot s
                       WHERE s.partner_id IN %(ids)s
                         AND s.date <= %(date_to)s::date - horizon.days
                       ORDER BY s.partner_id, s.date DESC
                  ) snap ON TRUE
                """,
                ids=tuple(self.ids),
                date_to=date_to,
            )
        )
        past = {30: {}, 90: {}}
        for days, partner_id, score in rows:
            past[days][partner_id] = score
        return past

    def _health_alert_managers(self):
        """Give each account's manager one at-risk activity about the drop."""
        activity_type = self.env.ref(
            "account_mgmt.mail_activity_type_health_drop", raise_if_not_found=False
        )
        for account in self:
            if not account.account_manager_id:
                _logger.info(
                    "Health drop of account %s: no manager to alert", account.id
                )
                continue
            account.activity_schedule(
                activity_type_id=activity_type.id if activity_type else False,
                summary=self.env._(
                    "Health dropped by %(points)s points to %(score)s",
                    points=-account.health_trend_30,
                    score=account.health_score,
                ),
                user_id=account.account_manager_id.id,
            )

    @api.model
    def _health_store(self, values_by_id):
        """Write the health fields of many accounts in one UPDATE.

        ``write`` would sync each account's contacts one by one; these fields
        are not commercial fields, so the contacts need nothing.
        """
        if not values_by_id:
            return
        rows = SQL(", ").join(
            SQL(
                "(%s, %s, %s, %s, %s::jsonb, %s::date, %s, %s, %s)",
                account_id,
                values["health_score"],
                values["health_band"] or None,
                values["health_weakest_component"] or None,
                json.dumps(values["health_breakdown"])
                if values["health_breakdown"]
                else None,
                values["health_date"] or None,
                values["health_trend_30"],
                values["health_trend_90"],
                values["is_health_drop_alerted"],
            )
            for account_id, values in values_by_id.items()
        )
        self.env.execute_query(
            SQL(
                """
                UPDATE res_partner p
                   SET health_score = v.score,
                       health_band = v.band,
                       health_weakest_component = v.weakest,
                       health_breakdown = v.breakdown,
                       health_date = v.date,
                       health_trend_30 = v.trend_30,
                       health_trend_90 = v.trend_90,
                       is_health_drop_alerted = v.alerted
                  FROM (VALUES %s) AS v(id, score, band, weakest, breakdown, date,
                                        trend_30, trend_90, alerted)
                 WHERE p.id = v.id
                """,
                rows,
            )
        )
        self.browse(values_by_id).invalidate_recordset(
            [
                "health_score",
                "health_band",
                "health_weakest_component",
                "health_breakdown",
                "health_date",
                "health_trend_30",
                "health_trend_90",
                "is_health_drop_alerted",
            ]
        )

    @api.model
    def _health_settings(self):
        """Return the band thresholds and the drop alert threshold."""
        params = self.env["ir.config_parameter"].sudo()
        return {
            "healthy_min": int(params.get_param("account_mgmt.health_healthy_min", 70)),
            "at_risk_min": int(params.get_param("account_mgmt.health_at_risk_min", 40)),
            "drop_threshold": int(
                params.get_param("account_mgmt.health_drop_threshold", 15)
            ),
        }
