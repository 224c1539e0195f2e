# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install", "account_mgmt")
class TestCadenceConcurrency(TransactionCase):
    """Two workers scheduling the cadence at once, on real committed cursors.

    The records are created and committed through cursors of their own, so
    the test removes them itself at the end.
    """

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            tier = env["account.mgmt.tier"].create(
                {"name": "Concurrency tier", "contact_interval_days": 30}
            )
            admin = env.ref("base.user_admin")
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Concurrent Account {index}",
                        "is_company": True,
                        "tier_id": tier.id,
                        "account_manager_id": admin.id,
                    }
                    for index in range(6)
                ]
            )
            self.tier_id = tier.id
            self.partner_ids = partners.ids
        self.addCleanup(self._drop_committed_records)

    def _env(self, cr):
        # Run as the account manager: assigning an activity to oneself sends no email.
        admin_id = self.env.ref("base.user_admin").id
        return api.Environment(cr, admin_id, {"tz": "UTC"})

    def _drop_committed_records(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env["mail.activity"].with_context(active_test=False).search(
                [("res_model", "=", "res.partner"), ("res_id", "in", self.partner_ids)]
            ).unlink()
            env["res.partner"].browse(self.partner_ids).unlink()
            env["account.mgmt.tier"].browse(self.tier_id).unlink()

    def _touch_counts(self):
        with self.registry.cursor() as cr:
            cr.execute(
                """
                SELECT res_id, COUNT(*)
                  FROM mail_activity
                 WHERE res_model = 'res.partner'
                   AND res_id IN %s
                   AND account_cadence_key = 'touch'
                   AND active
                 GROUP BY res_id
                """,
                [tuple(self.partner_ids)],
            )
            return dict(cr.fetchall())

    def test_worker_skips_accounts_locked_by_other_worker(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            partners_a = self._env(cr_a)["res.partner"].browse(self.partner_ids)
            partners_b = self._env(cr_b)["res.partner"].browse(self.partner_ids)
            # Worker A holds the first three accounts, mid-batch.
            held = partners_a[:3].try_lock_for_update()
            self.assertEqual(held, partners_a[:3])
            held._schedule_cadence_activities()
            # Worker B runs its whole job meanwhile and commits per batch.
            created_b = partners_b._schedule_cadence_in_batches(batch_size=2)
            self.assertEqual(created_b, 3)
            cr_a.commit()
        self.assertEqual(self._touch_counts(), dict.fromkeys(self.partner_ids, 1))
        with self.registry.cursor() as cr_c:
            partners_c = self._env(cr_c)["res.partner"].browse(self.partner_ids)
            self.assertEqual(partners_c._schedule_cadence_in_batches(), 0)
        self.assertEqual(self._touch_counts(), dict.fromkeys(self.partner_ids, 1))

    def test_worker_with_older_snapshot_creates_no_duplicate(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            # Worker B's transaction starts before worker A commits, so B's
            # snapshot does not show A's activities.
            cr_b.execute("SELECT COUNT(*) FROM mail_activity")
            partners_a = self._env(cr_a)["res.partner"].browse(self.partner_ids)
            self.assertEqual(partners_a._schedule_cadence_in_batches(batch_size=10), 6)
            partners_b = self._env(cr_b)["res.partner"].browse(self.partner_ids)
            # B is inside a batch (no commit since its snapshot): the unique
            # index rejects each insert and B leaves the account to A.
            with mute_logger("odoo.sql_db"):
                results = [partner._schedule_cadence_locked() for partner in partners_b]
            self.assertEqual(results, [None] * 6)
            cr_b.commit()
        self.assertEqual(self._touch_counts(), dict.fromkeys(self.partner_ids, 1))


@tagged("post_install", "-at_install", "account_mgmt")
class TestRenewalConcurrency(TransactionCase):
    """Two workers sending renewal reminders at once, on real committed cursors."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            partner = env["res.partner"].create(
                {"name": "Concurrent Renewal", "is_company": True}
            )
            today = date.today()
            renewal = env["account.mgmt.renewal"].create(
                {
                    "partner_id": partner.id,
                    "user_id": env.user.id,
                    "start_date": today - timedelta(days=200),
                    "end_date": today + timedelta(days=100),
                    "value": 1000.0,
                }
            )
            self.partner_id = partner.id
            self.renewal_id = renewal.id
        self.addCleanup(self._drop_committed_records)

    def _env(self, cr):
        admin_id = self.env.ref("base.user_admin").id
        return api.Environment(cr, admin_id, {"tz": "UTC"})

    def _drop_committed_records(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env["crm.lead"].with_context(active_test=False).search(
                [("partner_id", "=", self.partner_id)]
            ).unlink()
            env["account.mgmt.renewal"].browse(self.renewal_id).unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def _counts(self):
        with self.registry.cursor() as cr:
            cr.execute(
                """
                SELECT COUNT(*)
                  FROM account_mgmt_renewal_reminder
                 WHERE renewal_id = %s
                """,
                [self.renewal_id],
            )
            reminders = cr.fetchone()[0]
            cr.execute(
                "SELECT COUNT(*) FROM crm_lead WHERE partner_id = %s", [self.partner_id]
            )
            leads = cr.fetchone()[0]
            return reminders, leads

    def test_reminder_and_opportunity_created_once(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            # Worker B's snapshot predates worker A's commit.
            cr_b.execute("SELECT COUNT(*) FROM account_mgmt_renewal_reminder")
            renewal_a = self._env(cr_a)["account.mgmt.renewal"].browse(self.renewal_id)
            self.assertEqual(renewal_a._send_reminders_in_batches(), 1)
            renewal_b = self._env(cr_b)["account.mgmt.renewal"].browse(self.renewal_id)
            with mute_logger("odoo.sql_db"):
                self.assertIsNone(renewal_b._create_due_reminders_safely())
            cr_b.commit()
        self.assertEqual(self._counts(), (1, 1))

    def test_locked_cycle_left_to_other_worker(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            renewal_a = self._env(cr_a)["account.mgmt.renewal"].browse(self.renewal_id)
            self.assertEqual(renewal_a.try_lock_for_update(), renewal_a)
            renewal_b = self._env(cr_b)["account.mgmt.renewal"].browse(self.renewal_id)
            self.assertEqual(renewal_b._send_reminders_in_batches(), 0)
            self.assertEqual(renewal_a._create_due_reminders(), 1)
            cr_a.commit()
        self.assertEqual(self._counts(), (1, 1))
