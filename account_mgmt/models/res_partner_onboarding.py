# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"
ONBOARDING_DAYS = 90
ONBOARDING_KEY_PREFIX = "onboarding:"


class ResPartner(models.Model):
    """Onboarding of a new account: a 90-day plan of milestones, and its progress."""

    _inherit = "res.partner"

    onboarding_start_date = fields.Date(
        copy=False,
        readonly=True,
        groups=ACCOUNT_GROUP,
        help="Day the onboarding plan started: the account's first confirmed sale "
        "order, or the day it was started by hand.",
    )
    onboarding_progress = fields.Integer(
        string="Onboarding Progress (%)",
        compute="_compute_onboarding_state",
        groups=ACCOUNT_GROUP,
        help="Share of the onboarding milestones completed.",
    )
    is_onboarding_late = fields.Boolean(
        string="Onboarding Late",
        compute="_compute_onboarding_state",
        search="_search_is_onboarding_late",
        groups=ACCOUNT_GROUP,
        help="An onboarding milestone is past its due date and not done.",
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_onboarding_state(self):
        accounts = self.commercial_partner_id
        milestones = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", accounts.ids),
                    ("account_cadence_key", "=like", f"{ONBOARDING_KEY_PREFIX}%"),
                ]
            )
        )
        by_account = milestones.grouped("res_id")
        today = fields.Date.context_today(self)
        for partner in self:
            steps = by_account.get(
                partner.commercial_partner_id.id, milestones.browse()
            )
            done = steps.filtered(lambda act: not act.active)
            late = (steps - done).filtered(lambda act: act.date_deadline < today)
            partner.onboarding_progress = (
                round(100 * len(done) / len(steps)) if steps else 0
            )
            partner.is_onboarding_late = bool(late)

    def _search_is_onboarding_late(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        late = self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("account_cadence_key", "=like", f"{ONBOARDING_KEY_PREFIX}%"),
                ("date_deadline", "<", fields.Date.context_today(self)),
            ]
        )
        account_ids = self.browse(set(late.mapped("res_id"))).commercial_partner_id.ids
        if (operator == "in") == (True in value):
            return [("commercial_partner_id", "in", account_ids)]
        return [("commercial_partner_id", "not in", account_ids)]

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_start_onboarding(self):
        """Start the onboarding plan of the selected accounts today."""
        accounts = self.commercial_partner_id
        started = accounts.filtered("onboarding_start_date")
        if started:
            raise UserError(
                self.env._(
                    "Onboarding already started for %(accounts)s: an account is "
                    "onboarded once.",
                    accounts=", ".join(started.mapped("display_name")),
                )
            )
        for account in accounts:
            account._start_onboarding(account._cadence_today())
        return True

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _start_onboarding(self, start_date):
        """Schedule the milestones of the onboarding plan from ``start_date``.

        Milestones are assigned to the account manager, or to the current user
        when the account has none. Accounts already onboarded are left alone.
        """
        plan = self.env.ref("account_mgmt.mail_activity_plan_onboarding")
        for account in self.filtered(lambda p: not p.onboarding_start_date):
            responsible = account.account_manager_id or self.env.user
            account.sudo().onboarding_start_date = start_date
            for template in plan.template_ids:
                account.activity_schedule(
                    activity_type_id=template.activity_type_id.id,
                    summary=template.summary,
                    note=template.note,
                    date_deadline=template._get_date_deadline(start_date),
                    user_id=responsible.id,
                    automated=False,
                    account_cadence_key=f"{ONBOARDING_KEY_PREFIX}{template.id}",
                )
            account.message_post(
                body=self.env._(
                    "Onboarding started on %(date)s; it ends with a review on %(end)s.",
                    date=start_date,
                    end=start_date + timedelta(days=ONBOARDING_DAYS),
                )
            )
