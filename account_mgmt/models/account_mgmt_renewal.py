# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from psycopg2 import errors as pg_errors

_logger = logging.getLogger(__name__)

DEFAULT_REMINDER_OFFSETS = "120,90,60,30"
RENEWAL_BATCH_SIZE = 200


class AccountMgmtRenewal(models.Model):
    """Contract cycle of an account, from start to end, and how it was decided."""

    _name = "account.mgmt.renewal"
    _description = "Renewal Cycle"
    _inherit = ["mail.thread", "mail.activity.mixin"]  # noqa: RUF012
    _order = "end_date, id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        string="Account",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('is_company', '=', True)]",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(
        "res.currency",
        required=True,
        default=lambda self: self.env.company.currency_id,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Account Manager",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        domain=[("share", "=", False)],
    )
    start_date = fields.Date(string="Contract Start", required=True, tracking=True)
    end_date = fields.Date(string="Contract End", required=True, tracking=True)
    value = fields.Monetary(
        currency_field="currency_id",
        tracking=True,
        help="Contract value of the cycle, in its currency.",
    )
    state = fields.Selection(
        [("open", "Open"), ("renewed", "Renewed"), ("churned", "Churned")],
        required=True,
        default="open",
        tracking=True,
        copy=False,
    )
    decision_date = fields.Date(copy=False, tracking=True)
    churn_reason_id = fields.Many2one(
        "account.mgmt.churn.reason",
        string="Churn or Contraction Reason",
        copy=False,
        tracking=True,
        ondelete="restrict",
        help="Why the account left, or renewed for a lower value.",
    )
    days_to_renew = fields.Integer(
        string="Time to Renew (Days)",
        compute="_compute_days_to_renew",
        store=True,
        aggregator="avg",
        help="Days between the decision and the contract end: positive when the "
        "account decided before the end, negative when after it.",
    )
    reminder_offsets = fields.Char(
        string="Reminder Offsets",
        required=True,
        default=DEFAULT_REMINDER_OFFSETS,
        help="Days before the contract end on which the account manager gets a "
        "renewal reminder, separated by commas. The renewal opportunity is "
        "created at the largest offset.",
    )
    reminder_ids = fields.One2many(
        "account.mgmt.renewal.reminder", "renewal_id", string="Reminders", copy=False
    )
    opportunity_id = fields.Many2one(
        "crm.lead",
        string="Renewal Opportunity",
        copy=False,
        check_company=True,
        ondelete="set null",
    )
    previous_renewal_id = fields.Many2one(
        "account.mgmt.renewal",
        string="Previous Cycle",
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    next_renewal_id = fields.Many2one(
        "account.mgmt.renewal",
        string="Next Cycle",
        compute="_compute_next_renewal_id",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    @api.depends("partner_id.name", "end_date")
    def _compute_name(self):
        for renewal in self:
            renewal.name = self.env._(
                "%(account)s - ends %(end)s",
                account=renewal.partner_id.name or "",
                end=renewal.end_date or "",
            )

    @api.depends("partner_id")
    def _compute_user_id(self):
        for renewal in self:
            manager = renewal.partner_id.commercial_partner_id.account_manager_id
            if manager or not renewal.user_id:
                renewal.user_id = manager

    @api.depends("decision_date", "end_date")
    def _compute_days_to_renew(self):
        for renewal in self:
            if renewal.decision_date and renewal.end_date:
                renewal.days_to_renew = (renewal.end_date - renewal.decision_date).days
            else:
                renewal.days_to_renew = 0

    def _compute_next_renewal_id(self):
        following = self.search([("previous_renewal_id", "in", self.ids)])
        by_previous = {renewal.previous_renewal_id.id: renewal for renewal in following}
        for renewal in self:
            renewal.next_renewal_id = by_previous.get(renewal.id, False)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("start_date", "end_date")
    def _check_dates(self):
        for renewal in self:
            if renewal.end_date <= renewal.start_date:
                raise ValidationError(
                    self.env._(
                        "Contract end %(end)s of %(name)s is not after its start "
                        "%(start)s: set an end date later than the start.",
                        end=renewal.end_date,
                        start=renewal.start_date,
                        name=renewal.partner_id.display_name,
                    )
                )

    @api.constrains("state", "partner_id", "company_id")
    def _check_one_open_cycle(self):
        for renewal in self.filtered(lambda r: r.state == "open"):
            others = self.search_count(
                [
                    ("partner_id", "=", renewal.partner_id.id),
                    ("company_id", "=", renewal.company_id.id),
                    ("state", "=", "open"),
                    ("id", "!=", renewal.id),
                ],
                limit=1,
            )
            if others:
                raise ValidationError(
                    self.env._(
                        "%(account)s already has an open renewal cycle in "
                        "%(company)s: close it as renewed or churned first.",
                        account=renewal.partner_id.display_name,
                        company=renewal.company_id.name,
                    )
                )

    @api.constrains("reminder_offsets")
    def _check_reminder_offsets(self):
        for renewal in self:
            renewal._parse_reminder_offsets()

    @api.constrains("state", "churn_reason_id")
    def _check_churn_reason(self):
        for renewal in self:
            if renewal.state == "churned" and not renewal.churn_reason_id:
                raise ValidationError(
                    self.env._(
                        "Renewal cycle %(name)s is churned without a reason: "
                        "pick a churn reason first.",
                        name=renewal.display_name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_mark_renewed(self):
        """Close the cycle as renewed and open the next one, of the same length."""
        next_cycles = self.browse()
        for renewal in self:
            renewal._ensure_open()
            renewal.write(
                {
                    "state": "renewed",
                    "decision_date": renewal.decision_date
                    or renewal._today_for_manager(),
                }
            )
            if renewal.opportunity_id.won_status == "pending":
                renewal.opportunity_id.action_set_won()
            next_cycles |= renewal._open_next_cycle()
        return next_cycles

    def action_mark_churned(self):
        """Close the cycle as churned; the churn reason must be set first."""
        for renewal in self:
            renewal._ensure_open()
            if not renewal.churn_reason_id:
                raise ValidationError(
                    self.env._(
                        "Renewal cycle %(name)s is churned without a reason: "
                        "pick a churn reason first.",
                        name=renewal.display_name,
                    )
                )
            renewal.write(
                {
                    "state": "churned",
                    "decision_date": renewal.decision_date
                    or renewal._today_for_manager(),
                }
            )
            if renewal.opportunity_id.won_status == "pending":
                renewal.opportunity_id.action_set_lost()
        return True

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_send_renewal_reminders(self, batch_size=RENEWAL_BATCH_SIZE):
        """Give account managers the renewal reminders that fell due, once each."""
        renewals = self.search([("state", "=", "open")], order="id")
        return renewals._send_reminders_in_batches(batch_size)

    def _send_reminders_in_batches(self, batch_size=RENEWAL_BATCH_SIZE):
        cron = self.env["ir.cron"]
        renewal_ids = self.ids
        _logger.info("Renewal reminders started for %s open cycles", len(renewal_ids))
        cron._commit_progress(remaining=len(renewal_ids))
        created = 0
        for start in range(0, len(renewal_ids), batch_size):
            batch = self.browse(renewal_ids[start : start + batch_size])
            for renewal in batch:
                try:
                    with self.env.cr.savepoint():
                        created += renewal._create_due_reminders()
                except (pg_errors.UniqueViolation, pg_errors.SerializationFailure):
                    self.env.invalidate_all()
                    _logger.info(
                        "Renewal cycle %s left to another worker that reminded it",
                        renewal.id,
                    )
            # Commit each batch so that a killed run keeps its work.
            if not cron._commit_progress(len(batch)):
                _logger.info("Renewal reminders out of time; the next run goes on")
                break
        _logger.info("Renewal reminders done: %s reminders created", created)
        return created

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _parse_reminder_offsets(self):
        """Return the reminder offsets as distinct positive integers, largest first."""
        self.ensure_one()
        offsets = set()
        for part in (self.reminder_offsets or "").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or int(part) <= 0:
                raise ValidationError(
                    self.env._(
                        "Invalid reminder offset %(value)r on %(name)s: give whole "
                        "numbers of days greater than 0, separated by commas, "
                        "such as 120,90,60,30.",
                        value=part,
                        name=self.display_name,
                    )
                )
            offsets.add(int(part))
        return sorted(offsets, reverse=True)

    def _today_for_manager(self):
        """Return today's date in the account manager's time zone."""
        self.ensure_one()
        tz = self.user_id.tz or self.env.user.tz or "UTC"
        return fields.Date.context_today(self.with_context(tz=tz))

    def _ensure_open(self):
        if self.state != "open":
            raise UserError(
                self.env._(
                    "Renewal cycle %(name)s is already closed as %(state)s; "
                    "only open cycles can be renewed or churned.",
                    name=self.display_name,
                    state=self.state,
                )
            )

    def _next_cycle_dates(self):
        """Return the start and end of the cycle following this one.

        A cycle of whole months stays whole months, so that a contract ending on
        29 February or on the 31st ends on the last day of the same month next
        time: March 2027 to February 2028 renews as March 2028 to February
        2029. Other cycles keep their length in days.
        """
        self.ensure_one()
        next_start = self.end_date + timedelta(days=1)
        length = relativedelta(next_start, self.start_date)
        if length.days == 0:
            whole_months = relativedelta(years=length.years, months=length.months)
            return next_start, next_start + whole_months - timedelta(days=1)
        return next_start, next_start + (self.end_date - self.start_date)

    def _open_next_cycle(self):
        self.ensure_one()
        start, end = self._next_cycle_dates()
        return self.create(
            {
                "partner_id": self.partner_id.id,
                "company_id": self.company_id.id,
                "currency_id": self.currency_id.id,
                "user_id": self.user_id.id,
                "value": self.value,
                "reminder_offsets": self.reminder_offsets,
                "start_date": start,
                "end_date": end,
                "previous_renewal_id": self.id,
            }
        )

    def _create_due_reminders(self):
        """Log every reminder offset reached and not logged yet.

        Only the latest reminder reached gets an activity, so a cycle entered
        late does not flood its manager with overdue reminders. The renewal
        opportunity is created with the first (largest) offset reached.

        :return: number of reminders created
        """
        self.ensure_one()
        today = self._today_for_manager()
        logged = set(self.reminder_ids.mapped("offset_days"))
        due = [
            offset
            for offset in self._parse_reminder_offsets()
            if offset not in logged and self.end_date - timedelta(days=offset) <= today
        ]
        if not due:
            return 0
        if not self.opportunity_id:
            self.opportunity_id = self._create_renewal_opportunity()
        latest = min(due)
        reminders = []
        for offset in due:
            reminder_date = self.end_date - timedelta(days=offset)
            activity = False
            if offset == latest:
                activity = self.activity_schedule(
                    "account_mgmt.mail_activity_type_renewal_reminder",
                    date_deadline=reminder_date,
                    summary=self.env._("Renewal in %(days)s days", days=offset),
                    user_id=self.user_id.id or self.env.user.id,
                )
            reminders.append(
                {
                    "renewal_id": self.id,
                    "offset_days": offset,
                    "reminder_date": reminder_date,
                    "activity_id": activity and activity.id,
                }
            )
        self.env["account.mgmt.renewal.reminder"].create(reminders)
        return len(reminders)

    def _create_renewal_opportunity(self):
        self.ensure_one()
        company = self.company_id
        expected = self.currency_id._convert(
            self.value, company.currency_id, company, self._today_for_manager()
        )
        return self.env["crm.lead"].create(
            {
                "name": self.env._(
                    "Renewal: %(account)s", account=self.partner_id.display_name
                ),
                "type": "opportunity",
                "partner_id": self.partner_id.id,
                "user_id": self.user_id.id,
                "company_id": company.id,
                "expected_revenue": expected,
                "date_deadline": self.end_date,
            }
        )
