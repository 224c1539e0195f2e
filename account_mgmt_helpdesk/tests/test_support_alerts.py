# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.account_mgmt_helpdesk.models.res_partner_support_alert import (
    ResPartner,
)

from .common import HelpdeskAccountCommon

LOGGER = "odoo.addons.account_mgmt_helpdesk.models.res_partner_support_alert"


@freeze_time("2026-06-30 10:00:00")
@tagged("post_install", "-at_install", "account_mgmt")
class TestSupportAlerts(HelpdeskAccountCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.account_manager_id = cls.account_manager
        cls.other_customer.account_manager_id = cls.head_of_accounts
        cls.plan = cls.env["account.mgmt.plan"].create(
            {
                "partner_id": cls.customer.id,
                "date_start": date(2026, 1, 1),
                "date_end": date(2026, 12, 31),
                "state": "active",
            }
        )
        cls.alert_type = cls.env.ref(
            "account_mgmt_helpdesk.mail_activity_type_support_alert"
        )

    def _run_cron(self, **kwargs):
        # Outside a cron run the progress API only commits: keep the test transaction.
        with patch.object(
            type(self.env["ir.cron"]), "_commit_progress", return_value=float("inf")
        ):
            self.env["res.partner"]._cron_support_alerts(**kwargs)

    def _alerts(self, account):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", account.id),
                ("activity_type_id", "=", self.alert_type.id),
            ]
        )

    def _book_surge_and_old_ticket(self):
        """Book 7 tickets this quarter against 2 last year, one high and old."""
        for day in range(1, 6):
            self._dated_ticket(self.customer_contact, datetime(2026, 6, day, 9))
        for month in (10, 11):
            self._dated_ticket(
                self.customer, datetime(2025, month, 1, 9), datetime(2025, month, 2)
            )
        old = self._dated_ticket(self.customer, datetime(2026, 6, 20, 9), priority="2")
        self._dated_ticket(self.customer, datetime(2026, 6, 25, 9), priority="3")
        return old

    def test_surge_and_old_ticket_add_risks(self):
        old = self._book_surge_and_old_ticket()
        self._run_cron()
        risks = self.plan.with_user(self.account_manager).risk_ids
        self.assertEqual(len(risks), 2)
        surge = risks.filtered(lambda risk: not risk.origin)
        self.assertEqual(surge.name, "Support ticket surge")
        self.assertEqual(surge.risk_type, "support")
        self.assertEqual(surge.severity, "medium")
        self.assertEqual(
            surge.mitigation, "7 tickets in the last 90 days, usually 0.49 per 90 days."
        )
        self.assertEqual(surge.user_id, self.account_manager)
        stale = risks - surge
        self.assertEqual(
            stale.name, f"High-priority ticket open over 7 days: {old.display_name}"
        )
        self.assertEqual(stale.origin, f"helpdesk.ticket,{old.id}")
        self.assertEqual(stale.severity, "high")
        alert = self._alerts(self.customer)
        self.assertEqual(len(alert), 1)
        self.assertEqual(alert.user_id, self.account_manager)
        self.assertIn("Support ticket surge", alert.note)
        self.assertIn(old.display_name, alert.note)

    def test_second_run_adds_nothing(self):
        self._book_surge_and_old_ticket()
        self._run_cron()
        risks = self.plan.risk_ids
        alert = self._alerts(self.customer)
        self._run_cron()
        self.assertEqual(self.plan.risk_ids, risks)
        self.assertEqual(self._alerts(self.customer), alert)

    def test_done_alert_comes_back_while_the_cause_lasts(self):
        self._book_surge_and_old_ticket()
        self._run_cron()
        self._alerts(self.customer).action_feedback(feedback="Called the client")
        self.assertFalse(self._alerts(self.customer))
        self._run_cron()
        self.assertEqual(len(self._alerts(self.customer)), 1)
        self.assertEqual(len(self.plan.risk_ids), 2)

    def test_below_thresholds_no_alert(self):
        # Four new tickets: under the surge minimum of 5. The high-priority
        # ticket is 7 days old, not more.
        for day in range(1, 4):
            self._dated_ticket(self.customer, datetime(2026, 6, day, 9))
        self._dated_ticket(self.customer, datetime(2026, 6, 23, 9), priority="3")
        self._run_cron()
        self.assertFalse(self.plan.risk_ids)
        self.assertFalse(self._alerts(self.customer))

    def test_surge_factor_and_minimum_from_settings(self):
        for day in range(1, 4):
            self._dated_ticket(self.customer, datetime(2026, 6, day, 9))
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("account_mgmt_helpdesk.support_surge_min", "3")
        self._run_cron()
        self.assertEqual(self.plan.risk_ids.name, "Support ticket surge")

    def test_usual_volume_is_no_surge(self):
        # 5 tickets this quarter against 20 a year (4.93 per 90 days): under
        # twice the usual volume.
        for day in range(1, 6):
            self._dated_ticket(self.customer, datetime(2026, 6, day, 9))
        for day in range(1, 21):
            self._dated_ticket(
                self.customer, datetime(2025, 10, day, 9), datetime(2025, 10, 25)
            )
        self._run_cron()
        self.assertFalse(self.plan.risk_ids)

    def test_account_without_plan_gets_activity_only(self):
        self._dated_ticket(self.other_customer, datetime(2026, 6, 1, 9), priority="3")
        self._run_cron()
        alert = self._alerts(self.other_customer)
        self.assertEqual(alert.user_id, self.head_of_accounts)
        risks = self.env["account.mgmt.plan.risk"].search(
            [("partner_id", "=", self.other_customer.id)]
        )
        self.assertFalse(risks)

    def test_failing_batch_is_logged_and_skipped(self):
        self._book_surge_and_old_ticket()
        self._dated_ticket(self.other_customer, datetime(2026, 6, 1, 9), priority="3")
        original = ResPartner._support_alert

        def failing(records, today):
            if self.customer in records:
                raise ValueError("broken ticket data")
            return original(records, today)

        with (
            patch.object(ResPartner, "_support_alert", failing),
            self.assertLogs(LOGGER, "ERROR") as logs,
        ):
            self._run_cron(batch_size=1)
        self.assertFalse(self.plan.risk_ids)
        self.assertEqual(len(self._alerts(self.other_customer)), 1)
        self.assertEqual(len(logs.output), 1)
        self.assertIn(
            f"Support alerts failed for accounts [{self.customer.id}]", logs.output[0]
        )
