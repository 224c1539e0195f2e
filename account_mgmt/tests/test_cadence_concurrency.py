# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
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
