# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta
from unittest.mock import patch

from odoo.tests import tagged

from .test_account_health import DAY, HealthCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestHealthHistory(HealthCommon):
    def _snapshot(self, account, on, score):
        return self.env["account.mgmt.health.snapshot"].create(
            {"partner_id": account.id, "date": on, "score": score}
        )

    def _drop_activities(self, account):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", account.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("account_mgmt.mail_activity_type_health_drop").id,
                ),
            ]
        )

    def test_trend_over_30_and_90_days(self):
        self._set_weights(0, 0, 1)
        self._nps(self.customer_contact, 7)
        self._snapshot(self.customer, DAY - timedelta(days=95), 40.0)
        self._snapshot(self.customer, DAY - timedelta(days=90), 50.0)
        self._snapshot(self.customer, DAY - timedelta(days=31), 65.5)
        # Too recent for the 30-day trend.
        self._snapshot(self.customer, DAY - timedelta(days=29), 10.0)
        self.customer._refresh_health(DAY)
        self.assertEqual(self.customer.health_score, 70.0)
        self.assertEqual(self.customer.health_trend_30, 4.5)
        self.assertEqual(self.customer.health_trend_90, 20.0)

    def test_no_history_means_no_trend(self):
        self._set_weights(0, 0, 1)
        self._nps(self.customer_contact, 7)
        self.customer._refresh_health(DAY)
        self.assertEqual(self.customer.health_trend_30, 0.0)
        self.assertEqual(self.customer.health_trend_90, 0.0)

    def test_drop_alerts_the_manager_once(self):
        self._set_weights(0, 0, 1)
        self._nps(self.customer_contact, 6)
        self._snapshot(self.customer, DAY - timedelta(days=30), 80.0)
        self.customer._refresh_health(DAY)
        self.assertEqual(self.customer.health_trend_30, -20.0)
        self.assertTrue(self.customer.is_health_drop_alerted)
        activity = self._drop_activities(self.customer)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.account_manager)
        self.assertIn("dropped by 20.0 points to 60.0", activity.summary)
        # The next nightly run sees the same drop: no second activity.
        self.customer._refresh_health(DAY + timedelta(days=1))
        self.assertEqual(len(self._drop_activities(self.customer)), 1)

    def test_recovered_account_can_alert_again(self):
        self._set_weights(0, 0, 1)
        self._nps(self.customer_contact, 6, on=date(2026, 6, 1))
        self._snapshot(self.customer, DAY - timedelta(days=30), 80.0)
        self.customer._refresh_health(DAY)
        self._nps(self.customer_contact, 9, on=date(2026, 6, 2))
        self.customer._refresh_health(DAY)
        self.assertFalse(self.customer.is_health_drop_alerted)
        self._nps(self.customer_contact, 5, on=date(2026, 6, 3))
        self.customer._refresh_health(DAY)
        self.assertEqual(len(self._drop_activities(self.customer)), 2)

    def test_drop_within_threshold_does_not_alert(self):
        self._set_weights(0, 0, 1)
        self._nps(self.customer_contact, 7)
        self._snapshot(self.customer, DAY - timedelta(days=30), 85.0)
        self.customer._refresh_health(DAY)
        self.assertEqual(self.customer.health_trend_30, -15.0)
        self.assertFalse(self.customer.is_health_drop_alerted)
        self.assertFalse(self._drop_activities(self.customer))

    def test_refresh_button_takes_one_snapshot_a_day(self):
        self._nps(self.customer_contact, 8)
        self.customer_contact.with_user(self.account_manager).action_refresh_health()
        self.customer.with_user(self.account_manager).action_refresh_health()
        snapshots = self.customer.health_snapshot_ids
        self.assertEqual(len(snapshots), 1)
        self.assertEqual(snapshots.date, date.today())
        self.assertEqual(snapshots.score, self.customer.health_score)
        self.assertEqual(snapshots.band, self.customer.health_band)

    def test_weekly_cron_snapshots_every_customer_account(self):
        self._invoice(self.customer, 100.0, date.today())
        self._nps(self.customer_contact, 8, on=date.today())
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", return_value=60.0
        ) as progress:
            self.env["res.partner"]._cron_snapshot_health()
        self.assertTrue(progress.called)
        self.assertEqual(self.customer.health_date, date.today())
        self.assertEqual(len(self.customer.health_snapshot_ids), 1)
        self.assertFalse(self.customer_contact.health_snapshot_ids)


@tagged("post_install", "-at_install", "account_mgmt")
class TestHealthQueryCount(HealthCommon):
    def _accounts(self, count):
        accounts = self.env["res.partner"].create(
            [{"name": f"Account {index}", "is_company": True} for index in range(count)]
        )
        self.env["account.mgmt.satisfaction"].create(
            [
                {"partner_id": account.id, "score": index % 11, "date": DAY}
                for index, account in enumerate(accounts)
            ]
        )
        for account in accounts[:2]:
            self._snapshot_at(account)
        self.env.flush_all()
        self.env.invalidate_all()
        return accounts

    def _snapshot_at(self, account):
        self.env["account.mgmt.health.snapshot"].create(
            {"partner_id": account.id, "date": DAY - timedelta(days=40), "score": 50}
        )

    def test_query_count_does_not_grow_with_accounts(self):
        few = self._accounts(10)
        many = self._accounts(100)
        # Warm the caches that would otherwise cost queries on first use.
        self.customer._refresh_health(DAY)
        self.env.invalidate_all()
        with self.assertQueryCount(16):
            few._refresh_health(DAY)
        self.env.invalidate_all()
        with self.assertQueryCount(16):
            many._refresh_health(DAY)
        # NPS 3 is 30 at weight 30, engagement 0 at weight 40.
        self.assertEqual(many[3].health_score, 12.9)
        self.assertEqual(many[3].health_band, "critical")
