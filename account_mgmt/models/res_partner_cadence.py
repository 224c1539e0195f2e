# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from odoo import api, fields, models
from odoo.fields import Domain
from psycopg2 import errors as pg_errors

_logger = logging.getLogger(__name__)

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"
CADENCE_BATCH_SIZE = 200
TOUCH_KEY = "touch"
REVIEW_KEY_PREFIX = "review:"

# Another worker holds or has just changed the account: leave it to that worker.
CONCURRENCY_ERRORS = (
    pg_errors.UniqueViolation,
    pg_errors.SerializationFailure,
    pg_errors.LockNotAvailable,
)


class ResPartner(models.Model):
    """Account cadence: the next touchpoint and business review of each tiered account."""

    _inherit = "res.partner"

    next_touchpoint_date = fields.Date(
        compute="_compute_next_touchpoint_date",
        groups=ACCOUNT_GROUP,
        help="Due date of the open next-touchpoint activity of the account.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_next_touchpoint_date(self):
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", self.commercial_partner_id.ids),
                ("account_cadence_key", "=", TOUCH_KEY),
            ]
        )
        due_dates = {act.res_id: act.date_deadline for act in activities}
        for partner in self:
            partner.next_touchpoint_date = due_dates.get(
                partner.commercial_partner_id.id
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        result = super().write(vals)
        if "tier_id" in vals or "account_manager_id" in vals:
            # Commercial fields reach the contacts too: act on the accounts only.
            accounts = self.filtered(lambda p: p.commercial_partner_id == p)
            if accounts:
                accounts.sudo()._schedule_cadence_activities(reschedule=True)
        return result

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_schedule_cadence(self, batch_size=CADENCE_BATCH_SIZE):
        """Give every tiered account its open touchpoint and business review.

        The cron derives everything from the current state (last proactive
        touch, open activities), so a second run on the same day creates
        nothing and a day without a run is made up by the next one.
        """
        accounts = self.with_context(active_test=True).search(
            self._cadence_account_domain(), order="id"
        )
        return accounts._schedule_cadence_in_batches(batch_size)

    def _schedule_cadence_in_batches(self, batch_size=CADENCE_BATCH_SIZE):
        """Schedule the cadence of ``self`` batch by batch, committing each batch.

        Each account is row-locked with SKIP LOCKED first, so a second worker
        running at the same time skips it instead of scheduling it twice.

        :return: number of activities created or emails sent
        """
        cron = self.env["ir.cron"]
        account_ids = self.ids
        _logger.info("Account cadence started for %s accounts", len(account_ids))
        cron._commit_progress(remaining=len(account_ids))
        created = held = 0
        for start in range(0, len(account_ids), batch_size):
            batch = self.browse(account_ids[start : start + batch_size])
            for account in batch:
                count = account._schedule_cadence_locked()
                if count is None:
                    held += 1
                else:
                    created += count
            # Commit each batch so that a killed run keeps its work.
            if not cron._commit_progress(len(batch)):
                _logger.info(
                    "Account cadence out of time after %s accounts; "
                    "the next run schedules the rest",
                    start + len(batch),
                )
                break
        _logger.info(
            "Account cadence done: %s activities or emails created, "
            "%s accounts left to another worker",
            created,
            held,
        )
        return created

    def _schedule_cadence_locked(self):
        """Lock the account and schedule its cadence, inside a savepoint.

        :return: number of activities created, or None when another worker
            holds or has just changed the account
        """
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                if not self.try_lock_for_update(allow_referencing=True):
                    _logger.debug("Account %s locked by another worker", self.id)
                    return None
                return self._schedule_cadence_activities()
        except CONCURRENCY_ERRORS as error:
            self.env.invalidate_all()
            _logger.info(
                "Account %s left to another worker that scheduled it: %s",
                self.id,
                error.pgcode,
            )
            return None

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    @api.model
    def _cadence_account_domain(self):
        """Return the domain of accounts under a cadence: tiered commercial entities."""
        commercial = Domain("parent_id", "=", False) | Domain("is_company", "=", True)
        return Domain("tier_id", "!=", False) & commercial

    def _cadence_today(self):
        """Return today's date in the account manager's time zone."""
        self.ensure_one()
        tz = self.account_manager_id.tz or self.env.user.tz or "UTC"
        return fields.Date.context_today(self.with_context(tz=tz))

    def _cadence_natural_due_date(self):
        """Return the last proactive touch plus the tier interval, or False when never touched."""
        self.ensure_one()
        tz = self.account_manager_id.tz or self.env.user.tz or "UTC"
        last_touch = self.with_context(tz=tz).last_proactive_touch_date
        if not last_touch:
            return False
        return last_touch + timedelta(days=self.tier_id.contact_interval_days)

    @api.model
    def _review_period(self, day, months):
        """Return the first and last day of the review period containing ``day``.

        Periods of ``months`` months start in January; a period that would run
        past December ends on 31 December.
        """
        index = (day.month - 1) // months
        period_start = date(day.year, index * months + 1, 1)
        period_end = period_start + relativedelta(months=months, days=-1)
        return period_start, min(period_end, date(day.year, 12, 31))

    def _open_cadence_activities(self):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", self.ids),
                ("account_cadence_key", "!=", False),
                ("account_cadence_key", "not like", "onboarding:%"),
            ]
        )

    def _schedule_cadence_activities(self, reschedule=False):
        """Create or update the open cadence activities of each account of ``self``.

        :param reschedule: move the open touchpoint to the date the current tier
            and last touch give, even earlier than planned (tier or manager
            change, touchpoint completed). Without it, an open touchpoint only
            moves later, when a proactive touch happened meanwhile.
        :return: number of activities created or emails sent
        """
        created = 0
        for account in self:
            if account.commercial_partner_id != account:
                continue
            open_activities = account._open_cadence_activities()
            tier = account.tier_id
            manager = account.account_manager_id
            if not tier or not manager or tier.contact_interval_days <= 0:
                open_activities.unlink()
                continue
            reassigned = open_activities.filtered_domain([("user_id", "!=", manager.id)])
            reassigned.user_id = manager
            created += account._schedule_touchpoint(
                open_activities.filtered(lambda a: a.account_cadence_key == TOUCH_KEY),
                reschedule,
            )
            created += account._schedule_business_review(
                open_activities.filtered(
                    lambda a: a.account_cadence_key.startswith(REVIEW_KEY_PREFIX)
                )
            )
        return created

    def _schedule_touchpoint(self, open_touch, reschedule):
        """Ensure exactly one open touchpoint, or send the check-in email when due."""
        self.ensure_one()
        today = self._cadence_today()
        natural_due = self._cadence_natural_due_date()
        due = max(natural_due, today) if natural_due else today
        if self.tier_id.touchpoint_mode == "automated":
            open_touch.unlink()
            if due <= today:
                self._send_check_in_email()
                return 1
            return 0
        if open_touch:
            current = open_touch[0]
            moves_later = natural_due and natural_due > current.date_deadline
            if (reschedule or moves_later) and current.date_deadline != due:
                current.date_deadline = due
            (open_touch - current).unlink()
            return 0
        self.activity_schedule(
            "account_mgmt.mail_activity_type_check_in",
            date_deadline=due,
            user_id=self.account_manager_id.id,
            account_cadence_key=TOUCH_KEY,
        )
        return 1

    def _schedule_business_review(self, open_reviews):
        """Ensure one business review activity per review period of the tier."""
        self.ensure_one()
        months = self.tier_id.review_interval_months
        if months <= 0:
            open_reviews.unlink()
            return 0
        period_start, period_end = self._review_period(self._cadence_today(), months)
        key = f"{REVIEW_KEY_PREFIX}{period_start.isoformat()}"
        existing = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search_count(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", self.id),
                    ("account_cadence_key", "=", key),
                ],
                limit=1,
            )
        )
        if existing or self._has_business_review_between(period_start, period_end):
            return 0
        self.activity_schedule(
            "account_mgmt.mail_activity_type_business_review",
            date_deadline=period_end,
            user_id=self.account_manager_id.id,
            account_cadence_key=key,
        )
        return 1

    def _has_business_review_between(self, date_from, date_to):
        """Tell whether a business review of the account is dated in the period."""
        return bool(
            self.env["account.mgmt.business.review"].search_count(
                [
                    ("partner_id", "=", self.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                limit=1,
            )
        )

    def _send_check_in_email(self):
        """Email the account the check-in template and log it as a proactive touch."""
        self.ensure_one()
        template = self.env.ref("account_mgmt.mail_template_account_check_in")
        messages = self.message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.account_manager_id.partner_id.id,
        )
        # Tag the email with a proactive type so that it resets the contact clock.
        messages.sudo().mail_activity_type_id = self.env.ref(
            "account_mgmt.mail_activity_type_check_in_email"
        )
        return messages
