# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from freezegun import freeze_time
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AccountMgmtCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestRenewal(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account_manager.tz = "Europe/Brussels"
        cls.customer.account_manager_id = cls.account_manager
        cls.reminder_type = cls.env.ref(
            "account_mgmt.mail_activity_type_renewal_reminder"
        )
        cls.price = cls.env.ref("account_mgmt.churn_reason_price")

    def _renewal(self, start, end, **values):
        return self.env["account.mgmt.renewal"].create(
            {
                "partner_id": self.customer.id,
                "start_date": start,
                "end_date": end,
                "value": 12000.0,
                **values,
            }
        )

    def _run_reminders(self, renewals, when):
        """Run the reminder cron at ``when`` on a cursor that commits per batch."""
        with (
            freeze_time(when),
            self.enter_registry_test_mode(),
            self.registry.cursor() as cr,
        ):
            scoped = renewals.with_env(renewals.env(cr=cr))
            created = scoped._send_reminders_in_batches()
        self.env.invalidate_all()
        return created

    def _reminder_dates(self, renewal):
        return {
            reminder.offset_days: reminder.reminder_date
            for reminder in renewal.reminder_ids
        }

    def test_reminders_created_once_at_each_offset(self):
        renewal = self._renewal(date(2025, 8, 1), date(2026, 7, 31))
        expected = [
            (120, date(2026, 4, 2)),
            (90, date(2026, 5, 2)),
            (60, date(2026, 6, 1)),
            (30, date(2026, 7, 1)),
        ]
        self.assertEqual(self._run_reminders(renewal, "2026-04-01 12:00:00"), 0)
        for offset, day in expected:
            with self.subTest(offset=offset):
                when = f"{day.isoformat()} 08:00:00"
                self.assertEqual(self._run_reminders(renewal, when), 1)
                self.assertEqual(self._run_reminders(renewal, when), 0)
                reminder = renewal.reminder_ids.filtered(
                    lambda r, offset=offset: r.offset_days == offset
                )
                self.assertEqual(reminder.reminder_date, day)
                self.assertEqual(reminder.activity_id.date_deadline, day)
                self.assertEqual(reminder.activity_id.user_id, self.account_manager)
                self.assertEqual(
                    reminder.activity_id.activity_type_id, self.reminder_type
                )
        self.assertEqual(self._reminder_dates(renewal), dict(expected))
        activities = self.env["mail.activity"].search(
            [("res_model", "=", renewal._name), ("res_id", "=", renewal.id)]
        )
        self.assertEqual(len(activities), 4)

    def test_reminders_for_contract_ending_29_february(self):
        renewal = self._renewal(date(2027, 3, 1), date(2028, 2, 29))
        self._run_reminders(renewal, "2028-02-29 08:00:00")
        self.assertEqual(
            self._reminder_dates(renewal),
            {
                120: date(2027, 11, 1),
                90: date(2027, 12, 1),
                60: date(2027, 12, 31),
                30: date(2028, 1, 30),
            },
        )
        # Entered late: only the latest reminder reached becomes an activity.
        with_activity = renewal.reminder_ids.filtered("activity_id")
        self.assertEqual(with_activity.offset_days, 30)
        self.assertEqual(self._run_reminders(renewal, "2028-02-29 09:00:00"), 0)

    def test_reminder_date_in_manager_time_zone(self):
        renewal = self._renewal(date(2025, 8, 1), date(2026, 7, 31))
        # 22:30 UTC on 1 April is already 2 April in Brussels.
        self.assertEqual(self._run_reminders(renewal, "2026-04-01 22:30:00"), 1)
        self.assertEqual(self._reminder_dates(renewal), {120: date(2026, 4, 2)})

    def test_renewal_opportunity_at_first_offset(self):
        eur = self.setup_other_currency("EUR", rates=[("2026-01-01", 2.0)])
        renewal = self._renewal(
            date(2025, 8, 1), date(2026, 7, 31), currency_id=eur.id, value=10000.0
        )
        self._run_reminders(renewal, "2026-04-02 08:00:00")
        lead = renewal.opportunity_id
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, self.customer)
        self.assertEqual(lead.user_id, self.account_manager)
        self.assertEqual(lead.date_deadline, date(2026, 7, 31))
        # 10,000 EUR at 2 EUR per company currency unit.
        self.assertAlmostEqual(lead.expected_revenue, 5000.0, places=2)
        self._run_reminders(renewal, "2026-05-02 08:00:00")
        self.assertEqual(renewal.opportunity_id, lead)
        leads = self.env["crm.lead"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(leads, lead)

    def test_renewed_cycle_opens_next_cycle(self):
        cases = [
            # start, end, next start, next end
            (date(2027, 3, 1), date(2028, 2, 29), date(2028, 3, 1), date(2029, 2, 28)),
            (date(2025, 8, 1), date(2026, 7, 31), date(2026, 8, 1), date(2027, 7, 31)),
            (
                date(2025, 1, 31),
                date(2026, 1, 30),
                date(2026, 1, 31),
                date(2027, 1, 30),
            ),
            (date(2026, 1, 1), date(2026, 1, 10), date(2026, 1, 11), date(2026, 1, 20)),
        ]
        for start, end, next_start, next_end in cases:
            with self.subTest(end=end):
                renewal = self._renewal(start, end, decision_date=date(2026, 1, 5))
                following = renewal.action_mark_renewed()
                self.assertEqual(renewal.state, "renewed")
                self.assertEqual(following.state, "open")
                self.assertEqual(following.start_date, next_start)
                self.assertEqual(following.end_date, next_end)
                self.assertEqual(following.value, 12000.0)
                self.assertEqual(following.previous_renewal_id, renewal)
                self.assertEqual(renewal.next_renewal_id, following)
                # Close the new cycle so the next case can open its own.
                following.write({"churn_reason_id": self.price.id})
                following.action_mark_churned()

    def test_time_to_renew_in_days(self):
        renewal = self._renewal(
            date(2025, 8, 1), date(2026, 7, 31), decision_date=date(2026, 6, 1)
        )
        renewal.action_mark_renewed()
        self.assertEqual(renewal.days_to_renew, 60)
        late = renewal.next_renewal_id
        late.write(
            {"decision_date": date(2027, 8, 5), "churn_reason_id": self.price.id}
        )
        late.action_mark_churned()
        self.assertEqual(late.days_to_renew, -5)

    @freeze_time("2026-07-20 10:00:00")
    def test_renewed_closes_opportunity_as_won(self):
        renewal = self._renewal(date(2025, 8, 1), date(2026, 7, 31))
        self._run_reminders(renewal, "2026-04-02 08:00:00")
        renewal.action_mark_renewed()
        self.assertEqual(renewal.decision_date, date(2026, 7, 20))
        self.assertEqual(renewal.opportunity_id.won_status, "won")

    def test_churn_without_reason_raises(self):
        renewal = self._renewal(date(2025, 8, 1), date(2026, 7, 31))
        with self.assertRaisesRegex(ValidationError, "without a reason"):
            renewal.action_mark_churned()
        self.assertEqual(renewal.state, "open")
        renewal.churn_reason_id = self.env.ref("account_mgmt.churn_reason_competitor")
        renewal.action_mark_churned()
        self.assertEqual(renewal.state, "churned")
        with self.assertRaisesRegex(UserError, "already closed"):
            renewal.action_mark_renewed()

    def test_invalid_reminder_offsets_raise(self):
        for offsets in ("120,ninety", "0,30", "-30"):
            with self.subTest(offsets=offsets):
                partner = self.env["res.partner"].create(
                    {"name": f"Offsets {offsets}", "is_company": True}
                )
                with self.assertRaisesRegex(ValidationError, "Invalid reminder offset"):
                    self._renewal(
                        date(2025, 8, 1),
                        date(2026, 7, 31),
                        reminder_offsets=offsets,
                        partner_id=partner.id,
                    )

    def test_end_before_start_raises(self):
        with self.assertRaisesRegex(ValidationError, "is not after its start"):
            self._renewal(date(2026, 8, 1), date(2026, 7, 31))

    def test_second_open_cycle_rejected(self):
        self._renewal(date(2025, 8, 1), date(2026, 7, 31))
        with self.assertRaisesRegex(ValidationError, "already has an open renewal"):
            self._renewal(date(2026, 8, 1), date(2027, 7, 31))

    def test_custom_offsets(self):
        renewal = self._renewal(
            date(2025, 8, 1), date(2026, 7, 31), reminder_offsets="45, 7"
        )
        self._run_reminders(renewal, "2026-07-24 08:00:00")
        self.assertEqual(
            self._reminder_dates(renewal), {45: date(2026, 6, 16), 7: date(2026, 7, 24)}
        )

    def test_account_manager_renews_in_own_company_only(self):
        renewal = self._renewal(date(2025, 8, 1), date(2026, 7, 31))
        other = self.setup_other_company(name="Elsewhere Ltd")["company"]
        hidden = self.env["account.mgmt.renewal"].create(
            {
                "partner_id": self.customer.id,
                "company_id": other.id,
                "currency_id": other.currency_id.id,
                "start_date": date(2025, 8, 1),
                "end_date": date(2026, 7, 31),
            }
        )
        as_manager = self.env["account.mgmt.renewal"].with_user(self.account_manager)
        visible = as_manager.search([("partner_id", "=", self.customer.id)])
        self.assertEqual(visible, renewal)
        with self.assertRaises(AccessError):
            hidden.with_user(self.account_manager).read(["value"])
        renewal.with_user(self.account_manager).write(
            {"decision_date": date(2026, 6, 1)}
        )
        renewal.with_user(self.account_manager).action_mark_renewed()
        self.assertEqual(renewal.state, "renewed")
        with self.assertRaises(AccessError):
            renewal.with_user(self.account_manager).unlink()
        with self.assertRaises(AccessError):
            as_manager.with_user(self.plain_user).search([])
