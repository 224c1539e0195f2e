# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
import logging
from datetime import datetime, time, timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.fields import Domain

from .res_partner import HIGH_PRIORITIES

_logger = logging.getLogger(__name__)

# Accounts checked per committed batch by the scheduled action.
SUPPORT_BATCH_SIZE = 200
SUPPORT_ACTIVITY_TYPE = "account_mgmt_helpdesk.mail_activity_type_support_alert"


class ResPartner(models.Model):
    """Support alerts: ticket surges and old high-priority tickets.

    Each alert adds a support risk to the account's current plan in every
    company where it has one, and gives the account manager one activity.
    """

    _inherit = "res.partner"

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_support_alerts(self, batch_size=SUPPORT_BATCH_SIZE):
        """Raise support risks and activities for the accounts that need them.

        Idempotent: a risk already open for the same cause and an activity
        still open are left as they are, so running twice changes nothing.
        A failing batch is logged with its account ids and skipped.
        """
        # Check the plans of all companies, not only those of the cron user.
        # A database has few companies, so reading them all is cheap.
        companies = self.env["res.company"].sudo().search([])  # pylint: disable=no-search-all
        partners = self.sudo().with_context(allowed_company_ids=companies.ids)
        today = fields.Date.context_today(self)
        account_ids = partners._support_candidate_ids(today)
        _logger.info("Support alerts started for %s accounts", len(account_ids))
        cron = self.env["ir.cron"]
        cron._commit_progress(remaining=len(account_ids))
        done = alerted = failed = 0
        for start in range(0, len(account_ids), batch_size):
            batch = partners.browse(account_ids[start : start + batch_size])
            try:
                with self.env.cr.savepoint():
                    alerted += len(batch._support_alert(today))
            # One failing batch must not stop the others: log it and go on.
            except Exception:  # pylint: disable=broad-exception-caught
                failed += len(batch)
                _logger.exception(
                    "Support alerts failed for accounts %s; skipped", batch.ids
                )
            done += len(batch)
            _logger.info("Support alerts: %s of %s accounts", done, len(account_ids))
            if not cron._commit_progress(len(batch)):
                break
            # The commit ended the batch: drop its records from the cache.
            self.env.invalidate_all()
        _logger.info(
            "Support alerts done: %s accounts checked, %s alerted, %s failed",
            done,
            alerted,
            failed,
        )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _support_candidate_ids(self, today):
        """Return the ids of accounts with an open ticket or one of the last 90 days."""
        since = datetime.combine(today - timedelta(days=89), time.min)
        domain = Domain("account_id", "!=", False) & (
            Domain("stage_id.closed", "=", False) | Domain("create_date", ">=", since)
        )
        groups = self.env["helpdesk.ticket"].sudo()._read_group(domain, ["account_id"])
        return sorted(account.id for (account,) in groups)

    def _support_alert(self, today):
        """Raise the support alerts of the accounts in ``self`` as of ``today``.

        A surge is at least the surge minimum of tickets in the last 90 days
        and at least the surge factor times the usual volume. An old ticket
        is a high or very high priority ticket still open more than the
        alert days after it was opened. Each adds a support risk to the
        current plans: one per surge and one per old ticket. The account
        manager gets one activity listing them, unless one is still open.

        :return: the accounts with an alert
        """
        settings = self._support_settings()
        figures = self._ticket_figures(self.ids, today=today)
        old_tickets = self._support_old_tickets(today, settings["high_age_days"])
        reasons_by_account = {}
        for account in self:
            values = figures.get(account.id)
            risks = []
            if values and self._is_support_surge(values, settings):
                risks.append(
                    {
                        "name": self.env._("Support ticket surge"),
                        "severity": "medium",
                        "origin": False,
                        "mitigation": self.env._(
                            "%(recent)s tickets in the last 90 days, usually "
                            "%(usual)s per 90 days.",
                            recent=values["recent"],
                            usual=values["baseline_90d"],
                        ),
                    }
                )
            for ticket in old_tickets.get(account.id, []):
                risks.append(
                    {
                        "name": self.env._(
                            "High-priority ticket open over %(days)s days: %(ticket)s",
                            days=settings["high_age_days"],
                            ticket=ticket.display_name,
                        ),
                        "severity": "high",
                        "origin": f"{ticket._name},{ticket.id}",
                        "mitigation": False,
                    }
                )
            if risks:
                reasons_by_account[account] = risks
        alerted = self.browse([account.id for account in reasons_by_account])
        companies_by_account = alerted._support_plan_companies()
        Risk = self.env["account.mgmt.plan.risk"]
        for account, risks in reasons_by_account.items():
            for company in companies_by_account.get(account.id, []):
                for risk in risks:
                    Risk.with_company(company)._create_risk_once(
                        account,
                        "support",
                        risk["name"],
                        severity=risk["severity"],
                        origin=risk["origin"],
                        mitigation=risk["mitigation"],
                        user_id=account.account_manager_id.id,
                    )
        alerted._support_schedule_activities(reasons_by_account)
        return alerted

    @api.model
    def _is_support_surge(self, values, settings):
        recent = values["recent"]
        return (
            recent >= settings["surge_min"]
            and recent >= settings["surge_factor"] * values["baseline_90d"]
        )

    def _support_old_tickets(self, today, age_days):
        """Return {account id: tickets} of the open high-priority tickets
        opened more than ``age_days`` days before ``today``."""
        opened_before = datetime.combine(today - timedelta(days=age_days), time.min)
        tickets = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search(
                [
                    ("account_id", "in", self.ids),
                    ("stage_id.closed", "=", False),
                    ("priority", "in", HIGH_PRIORITIES),
                    ("create_date", "<", opened_before),
                ],
                order="create_date, id",
            )
        )
        result = {}
        for ticket in tickets:
            result.setdefault(ticket.account_id.id, []).append(ticket)
        return result

    def _support_plan_companies(self):
        """Return {account id: companies} where the account has a draft or
        active plan, the plans ``_create_risk_once`` can add a risk to."""
        plans = (
            self.env["account.mgmt.plan"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.ids),
                    ("state", "in", ("draft", "active")),
                ]
            )
        )
        result = {}
        for plan in plans:
            companies = result.setdefault(plan.partner_id.id, self.env["res.company"])
            result[plan.partner_id.id] = companies | plan.company_id
        return result

    def _support_schedule_activities(self, reasons_by_account):
        """Give each account manager one support activity per account.

        No new activity while the previous one is still open.
        """
        activity_type = self.env.ref(SUPPORT_ACTIVITY_TYPE)
        pending = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        for account in self:
            if account.id in pending:
                continue
            if not account.account_manager_id:
                _logger.info(
                    "Support alert of account %s: no manager to notify", account.id
                )
                continue
            lines = Markup("<br/>").join(
                risk["name"] for risk in reasons_by_account[account]
            )
            account.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Support needs attention"),
                note=lines,
                user_id=account.account_manager_id.id,
            )
