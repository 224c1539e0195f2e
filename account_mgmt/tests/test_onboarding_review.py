# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models import res_partner_pitfall as pitfall
from .test_cadence import CadenceCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestOnboarding(CadenceCommon):
    def _order(self, partner):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [self._prepare_order_line(product_id=self.product_a)],
            }
        )

    def _milestones(self, account):
        return (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "res.partner"),
                    ("res_id", "=", account.id),
                    ("account_cadence_key", "=like", "onboarding:%"),
                ],
                order="date_deadline",
            )
        )

    def test_first_order_starts_onboarding_milestones(self):
        account = self._account("New Logo", self.tier_30, self.far_manager)
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": account.id}
        )
        # 20:00 UTC on 3 March is 4 March in Auckland, the manager's time zone.
        with freeze_time("2026-03-03 20:00:00"):
            self._order(contact).action_confirm()
        self.assertEqual(account.onboarding_start_date, date(2026, 3, 4))
        milestones = self._milestones(account)
        self.assertEqual(
            [(m.summary, m.date_deadline) for m in milestones],
            [
                ("Kick-off held and goals confirmed", date(2026, 3, 11)),
                ("Stakeholder map done", date(2026, 4, 3)),
                ("First visible win", date(2026, 5, 3)),
                ("Onboarding review", date(2026, 6, 2)),
            ],
        )
        self.assertEqual(milestones.user_id, self.far_manager)
        # A second order starts nothing new.
        with freeze_time("2026-03-20 10:00:00"):
            self._order(account).action_confirm()
        self.assertEqual(len(self._milestones(account)), 4)

    def test_account_with_earlier_orders_not_onboarded(self):
        account = self._account("Old Logo", self.tier_30, self.account_manager)
        self._order(account).action_confirm()
        account.sudo().onboarding_start_date = False
        self._milestones(account).unlink()
        self._order(account).action_confirm()
        self.assertFalse(account.onboarding_start_date)
        self.assertFalse(self._milestones(account))

    def test_progress_and_late_flag(self):
        account = self._account("Onboarding Co", self.tier_30, self.account_manager)
        with freeze_time("2026-03-02 09:00:00"):
            account.with_user(self.account_manager).action_start_onboarding()
            self.assertEqual(account.onboarding_start_date, date(2026, 3, 2))
        milestones = self._milestones(account)
        with freeze_time("2026-03-20 09:00:00"):
            account.invalidate_recordset()
            self.assertEqual(account.onboarding_progress, 0)
            self.assertTrue(account.is_onboarding_late)
            late = self.env["res.partner"].search(
                [("is_onboarding_late", "=", True), ("id", "=", account.id)]
            )
            self.assertEqual(late, account)
            milestones[0].with_user(self.account_manager).action_feedback("Kicked off")
            account.invalidate_recordset()
            self.assertEqual(account.onboarding_progress, 25)
            self.assertFalse(account.is_onboarding_late)
            on_time = self.env["res.partner"].search(
                [("is_onboarding_late", "=", False), ("id", "=", account.id)]
            )
            self.assertEqual(on_time, account)

    def test_start_onboarding_twice_raises(self):
        account = self._account("Twice", self.tier_30, self.account_manager)
        account.action_start_onboarding()
        with self.assertRaisesRegex(UserError, "already started for Twice"):
            account.action_start_onboarding()
        self.assertEqual(len(self._milestones(account)), 4)


@tagged("post_install", "-at_install", "account_mgmt")
class TestBusinessReview(CadenceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.account_manager_id = cls.account_manager
        cls.review = cls.env["account.mgmt.business.review"].create(
            {
                "partner_id": cls.customer.id,
                "date": date(2026, 5, 12),
                "attendee_partner_ids": [(4, cls.customer_contact.id)],
                "attendee_user_ids": [(4, cls.account_manager.id)],
                "value_delivered": "<p>Invoices processed 30% faster</p>",
                "risks": "<p>New CFO not met yet</p>",
                "priority_ids": [
                    (0, 0, {"name": "Roll out to the Lyon site"}),
                    (0, 0, {"name": "Meet the new CFO"}),
                ],
            }
        )

    def test_review_defaults_and_previous_review(self):
        self.assertEqual(self.review.user_id, self.account_manager)
        self.assertFalse(self.review.previous_review_date)
        later = self.env["account.mgmt.business.review"].create(
            {"partner_id": self.customer.id, "date": date(2026, 8, 20)}
        )
        self.assertEqual(later.previous_review_date, date(2026, 5, 12))

    def test_previous_review_per_account_in_one_batch(self):
        Review = self.env["account.mgmt.business.review"]
        other_account = self.env["res.partner"].create(
            {"name": "Other Account", "is_company": True}
        )
        august, november, other_june = Review.create(
            [
                {"partner_id": self.customer.id, "date": date(2026, 8, 20)},
                {"partner_id": self.customer.id, "date": date(2026, 11, 3)},
                {"partner_id": other_account.id, "date": date(2026, 6, 1)},
            ]
        )
        reviews = self.review | august | november | other_june
        reviews.invalidate_recordset(["previous_review_date"])
        self.assertFalse(self.review.previous_review_date)
        self.assertEqual(august.previous_review_date, date(2026, 5, 12))
        self.assertEqual(november.previous_review_date, date(2026, 8, 20))
        self.assertFalse(other_june.previous_review_date)

    def test_held_review_completes_review_activity(self):
        self.customer.tier_id = self.tier_review
        activity = self.customer.activity_schedule(
            "account_mgmt.mail_activity_type_business_review",
            date_deadline=date(2026, 6, 30),
            user_id=self.account_manager.id,
            account_cadence_key="review:2026-04-01",
        )
        with freeze_time("2026-05-12 15:00:00"):
            self.review.with_user(self.account_manager).action_mark_held()
        self.assertEqual(self.review.state, "held")
        self.assertFalse(activity.active)

    def test_send_summary_to_client_attendees(self):
        self.review.action_mark_held()
        action = self.review.action_send_summary()
        composer = (
            self.env["mail.compose.message"]
            .with_context(**action["context"])
            .create({})
        )
        composer._action_send_mail()
        message = self.review.message_ids[0]
        self.assertEqual(message.partner_ids, self.customer_contact)
        self.assertIn("Invoices processed 30% faster", message.body)
        self.assertIn("Roll out to the Lyon site", message.body)
        self.assertIn("New CFO not met yet", message.body)

    def test_send_summary_without_attendee_raises(self):
        review = self.env["account.mgmt.business.review"].create(
            {"partner_id": self.customer.id, "date": date(2026, 5, 30)}
        )
        with self.assertRaisesRegex(UserError, "has no client attendee"):
            review.action_send_summary()

    def test_account_manager_edits_reviews_of_own_company(self):
        as_manager = self.review.with_user(self.account_manager)
        as_manager.priority_ids[1].name = "Meet the CFO in June"
        self.assertEqual(self.review.priority_ids[1].name, "Meet the CFO in June")
        with self.assertRaises(AccessError):
            as_manager.unlink()
        with self.assertRaises(AccessError):
            self.review.with_user(self.plain_user).read(["risks"])
        other = self.setup_other_company(name="Review Elsewhere")["company"]
        hidden = self.env["account.mgmt.business.review"].create(
            {
                "partner_id": self.customer.id,
                "company_id": other.id,
                "date": date(2026, 5, 1),
            }
        )
        found = self.env["account.mgmt.business.review"].with_user(self.account_manager)
        self.assertEqual(
            found.search([("partner_id", "=", self.customer.id)]), self.review
        )
        self.assertNotIn(hidden, found.search([]))


@tagged("post_install", "-at_install", "account_mgmt")
class TestPitfalls(CadenceCommon):
    @freeze_time("2026-06-15 14:00:00")
    def test_reactive_only_and_overdue_flags(self):
        alice = self.account_manager
        healthy = self._account("Healthy", self.tier_30, alice)
        self._touch(healthy, datetime(2026, 6, 1, 10, 0))
        self._touch(healthy, datetime(2026, 5, 1, 10, 0), self.issue_follow_up)

        silent = self._account("Silent", self.tier_30, alice)
        self._touch(silent, datetime(2026, 4, 1, 10, 0))

        complaints = self._account("Complaints", self.tier_60, self.far_manager)
        self._touch(complaints, datetime(2026, 6, 1, 10, 0))
        for day in (3, 5, 8):
            self._touch(complaints, datetime(2026, 6, day, 10, 0), self.issue_follow_up)

        overdue = self._account("Overdue", self.tier_30, alice)
        self._touch(overdue, datetime(2026, 6, 1, 10, 0))
        overdue.activity_schedule(
            "account_mgmt.mail_activity_type_check_in",
            date_deadline=date(2026, 6, 10),
            user_id=alice.id,
            account_cadence_key="touch",
        )
        accounts = healthy | silent | complaints | overdue
        cases = [
            # account, proactive share, reactive only, overdue
            (healthy, 50, False, False),
            (silent, 100, True, False),
            (complaints, 25, True, False),
            (overdue, 100, False, True),
        ]
        for account, share, reactive_only, is_overdue in cases:
            with self.subTest(account=account.name):
                self.assertEqual(account.proactive_touch_share, share)
                self.assertEqual(account.is_reactive_only, reactive_only)
                self.assertEqual(account.is_cadence_overdue, is_overdue)
        Partner = self.env["res.partner"]
        scope = [("id", "in", accounts.ids)]
        self.assertEqual(
            Partner.search([*scope, ("is_reactive_only", "=", True)]),
            silent | complaints,
        )
        self.assertEqual(
            Partner.search([*scope, ("is_cadence_overdue", "=", True)]), overdue
        )
        self.assertEqual(
            Partner.search([*scope, ("is_cadence_overdue", "=", False)]),
            healthy | silent | complaints,
        )
        self.assertEqual(alice.account_reactive_only_count, 1)
        self.assertEqual(alice.account_cadence_overdue_count, 1)
        self.assertEqual(self.far_manager.account_reactive_only_count, 1)
        self.assertEqual(self.far_manager.account_cadence_overdue_count, 0)

    @freeze_time("2026-06-15 14:00:00")
    def test_contact_shows_account_flags_for_manager(self):
        account = self._account("Flagged", self.tier_30, self.account_manager)
        contact = self.env["res.partner"].create(
            {"name": "Dora", "parent_id": account.id}
        )
        as_manager = contact.with_user(self.account_manager)
        self.assertTrue(as_manager.is_reactive_only)
        self.assertEqual(as_manager.proactive_touch_share, 0)
        with self.assertRaises(AccessError):
            contact.with_user(self.plain_user).read(["is_reactive_only"])

    @freeze_time("2026-06-15 14:00:00")
    def test_ticket_touches_count_as_reactive(self):
        account = self._account("Ticket Heavy", self.tier_30, self.account_manager)
        self._touch(account, datetime(2026, 6, 1, 10, 0))
        order = self.env["sale.order"].create({"partner_id": account.id})
        # Sale orders replace tickets in this test because helpdesk is not installed.
        for day in (2, 3):
            self._touch(order, datetime(2026, 6, day, 10, 0))
        with patch.object(pitfall, "REACTIVE_TOUCH_MODELS", ("sale.order",)):
            self.assertEqual(account.proactive_touch_share, 33)
            self.assertTrue(account.is_reactive_only)
        account.invalidate_recordset()
        self.assertEqual(account.proactive_touch_share, 100)
        self.assertFalse(account.is_reactive_only)


@tagged("post_install", "-at_install", "account_mgmt")
class TestCadenceViews(CadenceCommon):
    def test_views_load_for_account_manager(self):
        cases = [
            ("res.partner", "account_mgmt.res_partner_view_list_account", "list"),
            ("res.partner", "base.view_partner_form", "form"),
            (
                "account.mgmt.renewal",
                "account_mgmt.account_mgmt_renewal_view_form",
                "form",
            ),
            (
                "account.mgmt.renewal",
                "account_mgmt.account_mgmt_renewal_view_list",
                "list",
            ),
            (
                "account.mgmt.business.review",
                "account_mgmt.account_mgmt_business_review_view_form",
                "form",
            ),
        ]
        for model, xmlid, view_type in cases:
            with self.subTest(view=xmlid):
                view = self.env.ref(xmlid)
                result = (
                    self.env[model]
                    .with_user(self.account_manager)
                    .get_views([(view.id, view_type)])
                )
                arch = result["views"][view_type]["arch"]
                self.assertTrue(arch)
        partner_form = (
            self.env["res.partner"]
            .with_user(self.account_manager)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("onboarding_progress", partner_form)
        plain_form = (
            self.env["res.partner"]
            .with_user(self.plain_user)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("onboarding_progress", plain_form)
