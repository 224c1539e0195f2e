# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import AccountMgmtCommon

NOW = "2026-06-15 14:00:00"


class CadenceCommon(AccountMgmtCommon):
    """Tiers with explicit policies, two managers in different time zones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account_manager.tz = "Europe/Brussels"
        cls.far_manager = new_test_user(
            cls.env,
            login="am_far",
            name="Bob Far Manager",
            email="am_far@example.com",
            tz="Pacific/Auckland",
            groups="account_mgmt.group_account_mgmt_user",
            company_id=cls.env.company.id,
            company_ids=[Command.set(cls.env.company.ids)],
        )
        Tier = cls.env["account.mgmt.tier"]
        cls.tier_30 = Tier.create(
            {"name": "Every 30 days", "contact_interval_days": 30}
        )
        cls.tier_60 = Tier.create(
            {"name": "Every 60 days", "contact_interval_days": 60}
        )
        cls.tier_120 = Tier.create(
            {"name": "Every 120 days", "contact_interval_days": 120}
        )
        cls.tier_review = Tier.create(
            {
                "name": "Quarterly reviews",
                "contact_interval_days": 30,
                "review_interval_months": 3,
            }
        )
        cls.tier_automated = Tier.create(
            {
                "name": "Automated",
                "contact_interval_days": 30,
                "touchpoint_mode": "automated",
            }
        )
        cls.check_in = cls.env.ref("account_mgmt.mail_activity_type_check_in")
        cls.issue_follow_up = cls.env.ref(
            "account_mgmt.mail_activity_type_issue_follow_up"
        )

    def _account(self, name, tier, manager, **values):
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "email": f"{name.lower().replace(' ', '.')}@example.com",
                "tier_id": tier.id,
                "account_manager_id": manager.id if manager else False,
                **values,
            }
        )

    def _touch(self, record, when, activity_type=None):
        """Log a completed activity of ``activity_type`` on ``record`` at ``when``."""
        return self.env["mail.message"].create(
            {
                "model": record._name,
                "res_id": record.id,
                "message_type": "notification",
                "body": "Touch",
                "date": when,
                "mail_activity_type_id": (activity_type or self.check_in).id,
            }
        )

    def _run_cadence(self, partners, batch_size=200):
        """Run the cadence scheduler as the cron does, on a cursor that commits.

        In registry test mode each commit of the cron releases a savepoint of
        the test transaction, so the test can see and roll back everything.
        """
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            scoped = partners.with_env(partners.env(cr=cr))
            created = scoped._schedule_cadence_in_batches(batch_size)
        self.env.invalidate_all()
        return created

    def _open_cadence(self, partners, key="touch"):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("account_cadence_key", "=", key),
            ]
        )


@tagged("post_install", "-at_install", "account_mgmt")
class TestCadenceSchedule(CadenceCommon):
    @freeze_time(NOW)
    def test_touchpoint_due_date_and_owner_table(self):
        alice, bob = self.account_manager, self.far_manager
        recent = self._account("Recent Touch", self.tier_30, alice)
        self._touch(recent, datetime(2026, 6, 1, 10, 0))

        via_contact = self._account("Touched Via Contact", self.tier_60, alice)
        contact = self.env["res.partner"].create(
            {"name": "Carl Contact", "parent_id": via_contact.id}
        )
        self._touch(contact, datetime(2026, 4, 1, 10, 0))

        via_lead = self._account("Touched Via Opportunity", self.tier_120, bob)
        lead = self.env["crm.lead"].create(
            {"name": "Upsell", "type": "opportunity", "partner_id": via_lead.id}
        )
        self._touch(lead, datetime(2026, 5, 20, 10, 0))

        never = self._account("Never Touched Brussels", self.tier_30, alice)
        never_far = self._account("Never Touched Auckland", self.tier_30, bob)

        reactive = self._account("Reactive Since", self.tier_30, alice)
        self._touch(reactive, datetime(2026, 5, 1, 10, 0))
        self._touch(reactive, datetime(2026, 6, 10, 10, 0), self.issue_follow_up)

        # Last touch late on 31 May in Brussels is 1 June in Auckland.
        late_evening = self._account("Late Evening Touch", self.tier_30, bob)
        self._touch(late_evening, datetime(2026, 5, 31, 20, 0))

        cases = [
            # account, due date, owner
            (recent, date(2026, 7, 1), alice),
            (via_contact, date(2026, 6, 15), alice),
            (via_lead, date(2026, 9, 17), bob),
            (never, date(2026, 6, 15), alice),
            (never_far, date(2026, 6, 16), bob),
            (reactive, date(2026, 6, 15), alice),
            (late_evening, date(2026, 7, 1), bob),
        ]
        accounts = self.env["res.partner"].concat(*(case[0] for case in cases))
        created = self._run_cadence(accounts | contact)
        self.assertEqual(created, 7)
        for account, due, owner in cases:
            with self.subTest(account=account.name):
                activity = self._open_cadence(account)
                self.assertEqual(len(activity), 1)
                self.assertEqual(activity.date_deadline, due)
                self.assertEqual(activity.user_id, owner)
                self.assertEqual(activity.activity_type_id, self.check_in)
                self.assertEqual(account.next_touchpoint_date, due)
        self.assertFalse(self._open_cadence(contact))

    @freeze_time(NOW)
    def test_second_run_creates_nothing(self):
        accounts = self._account("Acme One", self.tier_30, self.account_manager)
        accounts |= self._account("Acme Two", self.tier_review, self.far_manager)
        self.assertEqual(self._run_cadence(accounts), 3)
        self.assertEqual(self._run_cadence(accounts), 0)
        self.assertEqual(len(self._open_cadence(accounts)), 2)

    @freeze_time(NOW)
    def test_account_without_manager_or_archived_skipped(self):
        no_manager = self._account("No Manager", self.tier_30, False)
        archived = self._account("Archived", self.tier_30, self.account_manager)
        archived.action_archive()
        self.assertEqual(self._run_cadence(no_manager), 0)
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            self.env["res.partner"].with_env(self.env(cr=cr))._cron_schedule_cadence()
        self.env.invalidate_all()
        self.assertFalse(self._open_cadence(no_manager | archived))

    @freeze_time(NOW)
    def test_tier_change_moves_due_date(self):
        account = self._account("Tier Mover", self.tier_30, self.account_manager)
        self._touch(account, datetime(2026, 6, 1, 10, 0))
        self._run_cadence(account)
        self.assertEqual(self._open_cadence(account).date_deadline, date(2026, 7, 1))
        account.tier_id = self.tier_120
        self.assertEqual(self._open_cadence(account).date_deadline, date(2026, 9, 29))
        # Back to a short interval already overdue: due today, not in the past.
        self._touch(account, datetime(2026, 6, 1, 10, 0))
        account.tier_id = self.tier_30
        self.assertEqual(self._open_cadence(account).date_deadline, date(2026, 7, 1))
        self.assertEqual(len(self._open_cadence(account)), 1)

    @freeze_time(NOW)
    def test_manager_change_reassigns_open_activities(self):
        account = self._account("Handover", self.tier_review, self.account_manager)
        self._run_cadence(account)
        account.account_manager_id = self.far_manager
        touch = self._open_cadence(account)
        review = self._open_cadence(account, "review:2026-04-01")
        self.assertEqual(touch.user_id, self.far_manager)
        self.assertEqual(review.user_id, self.far_manager)
        # The new manager is in Auckland, where it is already 16 June.
        self.assertEqual(touch.date_deadline, date(2026, 6, 16))

    @freeze_time(NOW)
    def test_contact_tier_write_does_not_duplicate(self):
        account = self._account("Parent Co", self.tier_30, self.account_manager)
        contact = self.env["res.partner"].create(
            {"name": "Kid", "parent_id": account.id}
        )
        account.tier_id = self.tier_60
        self.assertEqual(contact.tier_id, self.tier_60)
        self.assertEqual(len(self._open_cadence(account)), 1)
        self.assertFalse(self._open_cadence(contact))

    @freeze_time(NOW)
    def test_completing_touchpoint_schedules_next(self):
        account = self._account("Done Today", self.tier_60, self.account_manager)
        self._run_cadence(account)
        touch = self._open_cadence(account)
        self.assertEqual(touch.date_deadline, date(2026, 6, 15))
        touch.with_user(self.account_manager).action_feedback("Called them")
        following = self._open_cadence(account)
        self.assertEqual(len(following), 1)
        self.assertNotEqual(following, touch)
        self.assertEqual(following.date_deadline, date(2026, 8, 14))
        self.assertEqual(self._run_cadence(account), 0)

    @freeze_time(NOW)
    def test_proactive_touch_elsewhere_postpones_open_touchpoint(self):
        account = self._account("Met Elsewhere", self.tier_30, self.account_manager)
        self._run_cadence(account)
        self.assertEqual(self._open_cadence(account).date_deadline, date(2026, 6, 15))
        self._touch(account, datetime(2026, 6, 15, 9, 0))
        self.assertEqual(self._run_cadence(account), 0)
        self.assertEqual(self._open_cadence(account).date_deadline, date(2026, 7, 15))

    def test_business_review_once_per_period(self):
        account = self._account("Quarterly", self.tier_review, self.account_manager)
        with freeze_time("2026-05-10 09:00:00"):
            self.assertEqual(self._run_cadence(account), 2)
            review = self._open_cadence(account, "review:2026-04-01")
            self.assertEqual(review.date_deadline, date(2026, 6, 30))
            self.assertEqual(
                review.activity_type_id,
                self.env.ref("account_mgmt.mail_activity_type_business_review"),
            )
            review.action_feedback("Held")
            self.assertEqual(self._run_cadence(account), 0)
        # A missed day is made up: the run of 2 July opens the third quarter.
        with freeze_time("2026-07-02 09:00:00"):
            self.assertEqual(self._run_cadence(account), 1)
            review = self._open_cadence(account, "review:2026-07-01")
            self.assertEqual(review.date_deadline, date(2026, 9, 30))

    def test_business_review_record_replaces_activity(self):
        account = self._account("Reviewed", self.tier_review, self.account_manager)
        self.env["account.mgmt.business.review"].create(
            {"partner_id": account.id, "date": date(2026, 4, 20)}
        )
        with freeze_time("2026-05-10 09:00:00"):
            self.assertEqual(self._run_cadence(account), 1)
        self.assertFalse(self._open_cadence(account, "review:2026-04-01"))

    @freeze_time(NOW)
    def test_automated_tier_sends_email_in_chatter(self):
        account = self._account("Long Tail", self.tier_automated, self.account_manager)
        self.assertEqual(self._run_cadence(account), 1)
        self.assertFalse(self._open_cadence(account))
        email = account.message_ids.filtered(
            lambda m: (
                m.mail_activity_type_id
                == self.env.ref("account_mgmt.mail_activity_type_check_in_email")
            )
        )
        self.assertEqual(len(email), 1)
        self.assertEqual(email.subject, "How are things going at Long Tail?")
        self.assertEqual(email.message_type, "comment")
        self.assertEqual(email.author_id, self.account_manager.partner_id)
        self.assertEqual(email.partner_ids, account)
        self.assertEqual(account.last_proactive_touch_date, date(2026, 6, 15))
        self.assertEqual(self._run_cadence(account), 0)

    @freeze_time(NOW)
    def test_killed_run_finishes_on_next_run(self):
        accounts = self.env["res.partner"]
        for index in range(5):
            accounts |= self._account(
                f"Batch {index}", self.tier_30, self.account_manager
            )
        Partner = type(self.env["res.partner"])
        original = Partner._schedule_cadence_locked
        calls = []

        def die_in_second_batch(partner):
            calls.append(partner.id)
            if len(calls) == 3:
                raise KeyboardInterrupt("worker killed")
            return original(partner)

        # Not assertRaises: Odoo's version rolls back to a savepoint, which would
        # also drop the batch the killed run committed.
        killed = False
        with patch.object(Partner, "_schedule_cadence_locked", die_in_second_batch):
            try:
                self._run_cadence(accounts, batch_size=2)
            except KeyboardInterrupt:
                killed = True
        self.assertTrue(killed)
        self.env.invalidate_all()
        self.assertEqual(len(self._open_cadence(accounts)), 2)
        self.assertEqual(
            self._open_cadence(accounts).mapped("res_id"), accounts[:2].ids
        )
        self.assertEqual(self._run_cadence(accounts, batch_size=2), 3)
        self.assertEqual(len(self._open_cadence(accounts)), 5)

    @freeze_time(NOW)
    def test_account_manager_completes_touchpoint(self):
        account = self._account("Own Book", self.tier_30, self.account_manager)
        self._run_cadence(account)
        touch = self._open_cadence(account).with_user(self.account_manager)
        touch.action_feedback("Done")
        self.assertEqual(self._open_cadence(account).date_deadline, date(2026, 7, 15))
        self.assertEqual(
            account.with_user(self.account_manager).next_touchpoint_date,
            date(2026, 7, 15),
        )
