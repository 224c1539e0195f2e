# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class MailActivity(models.Model):
    """Activities the account cadence schedules, tagged so that each exists once."""

    _inherit = "mail.activity"

    account_cadence_key = fields.Char(
        string="Cadence Key",
        index="btree_not_null",
        copy=False,
        readonly=True,
        help="Slot of the account cadence this activity fills: 'touch' for the "
        "next touchpoint, 'review:<period start>' for a business review, "
        "'onboarding:<step>' for an onboarding milestone. Empty for activities "
        "scheduled by hand.",
    )

    # Two cron workers running at once cannot both open the same slot: the
    # second insert fails on this index and the cron skips that account.
    _account_cadence_key_uniq = models.UniqueIndex(
        "(res_model, res_id, account_cadence_key) "
        "WHERE account_cadence_key IS NOT NULL AND active",
        "An account can have only one open activity per cadence slot.",
    )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _action_done(self, feedback=False, attachment_ids=None):
        """Mark as done, then schedule the next touchpoint of the accounts touched.

        A completed proactive activity on an account, one of its contacts or
        one of their opportunities moves the account's contact clock, so the
        next touchpoint is rescheduled right away instead of at the next cron.
        """
        accounts = self._cadence_accounts()
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if accounts:
            accounts.sudo()._schedule_cadence_activities(reschedule=True)
        return result

    def _cadence_accounts(self):
        """Return the tiered accounts whose cadence a completed activity moves."""
        proactive = self.filtered(lambda act: act.activity_type_id.is_proactive)
        partners = self.env["res.partner"]
        for activity in proactive:
            if activity.res_model == "res.partner":
                partners |= self.env["res.partner"].browse(activity.res_id)
            elif activity.res_model == "crm.lead":
                partners |= self.env["crm.lead"].browse(activity.res_id).partner_id
        accounts = partners.sudo().exists().commercial_partner_id
        return accounts.filtered("tier_id").with_env(self.env)
