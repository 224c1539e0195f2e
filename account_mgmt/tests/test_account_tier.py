# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import AccountMgmtCommon

TRACKING_CONTEXT = {"tracking_disable": False, "mail_notrack": False}


class AccountTierCommon(AccountMgmtCommon):
    """Tier rule of the test company: bands at 10,000 and 100,000, pipeline at 50 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tier_1 = cls.env.ref("account_mgmt.tier_1")
        cls.tier_2 = cls.env.ref("account_mgmt.tier_2")
        cls.tier_3 = cls.env.ref("account_mgmt.tier_3")
        cls.rule = cls.env["account.mgmt.tier.rule"].create(
            {
                "name": "Test rule",
                "company_id": cls.env.company.id,
                "pipeline_weight": 50.0,
                "band_ids": [
                    Command.create(
                        {
                            "revenue_from": 0,
                            "revenue_to": 10000,
                            "tier_id": cls.tier_3.id,
                        }
                    ),
                    Command.create(
                        {
                            "revenue_from": 10000,
                            "revenue_to": 100000,
                            "tier_id": cls.tier_2.id,
                        }
                    ),
                    Command.create(
                        {
                            "revenue_from": 100000,
                            "revenue_to": 0,
                            "tier_id": cls.tier_1.id,
                        }
                    ),
                ],
            }
        )

    def _company(self, name, **values):
        return self.env["res.partner"].create(
            {"name": name, "is_company": True, **values}
        )

    def _refresh(self):
        self.env["res.partner"]._refresh_account_figures(
            companies=self.env.company, date_to=self.DATE_TO
        )


@tagged("post_install", "-at_install", "account_mgmt")
class TestTierSuggestion(AccountTierCommon):
    def test_suggestion_table_with_band_edges(self):
        cases = [
            ("One cent below 10,000", 9999.99, {}, self.tier_3),
            ("Exactly 10,000", 10000.00, {}, self.tier_2),
            ("One cent below 100,000", 99999.99, {}, self.tier_2),
            ("Exactly 100,000", 100000.00, {}, self.tier_1),
            ("Small but strategic", 1000.00, {"strategic_rating": "3"}, self.tier_1),
            (
                "Small with high potential",
                1000.00,
                {"potential_rating": "3"},
                self.tier_2,
            ),
            (
                "Large with high potential",
                150000.00,
                {"potential_rating": "3"},
                self.tier_1,
            ),
            (
                "Small with medium potential",
                1000.00,
                {"potential_rating": "2"},
                self.tier_3,
            ),
        ]
        accounts = {}
        for name, amount, values, _tier in cases:
            accounts[name] = self._company(name, **values)
            self._invoice(accounts[name], amount, date(2026, 2, 1))
        self._refresh()
        for name, _amount, _values, tier in cases:
            with self.subTest(account=name):
                self.assertEqual(accounts[name].suggested_tier_id, tier)

    def test_credit_note_to_zero_is_lowest_band(self):
        account = self._company("Refunded")
        self._invoice(account, 20000.0, date(2026, 2, 1))
        self._invoice(account, 20000.0, date(2026, 3, 1), move_type="out_refund")
        self._refresh()
        self.assertEqual(account.revenue_12m, 0.0)
        self.assertEqual(account.suggested_tier_id, self.tier_3)

    def test_open_pipeline_counts_at_rule_weight(self):
        account = self._company("Growing")
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": account.id}
        )
        self._invoice(account, 4000.0, date(2026, 2, 1))

        Lead = self.env["crm.lead"]
        # 12,000 open at 50 % lifts 4,000 to exactly 10,000.
        Lead.create(
            {
                "name": "Expansion",
                "type": "opportunity",
                "partner_id": contact.id,
                "expected_revenue": 12000.0,
                "company_id": self.env.company.id,
            }
        )
        # A lost opportunity is no pipeline, however large.
        lost = Lead.create(
            {
                "name": "Lost deal",
                "type": "opportunity",
                "partner_id": account.id,
                "expected_revenue": 500000.0,
                "company_id": self.env.company.id,
            }
        )
        lost.action_set_lost()

        self._refresh()
        self.assertEqual(account.suggested_tier_id, self.tier_2)

        self.rule.pipeline_weight = 49.0
        self._refresh()
        self.assertEqual(account.suggested_tier_id, self.tier_3)

    def test_foreign_currency_revenue_in_company_currency(self):
        foreign = self.setup_other_currency(
            "EUR" if self.env.company.currency_id.name != "EUR" else "USD",
            rates=[("2026-01-01", 2.0)],
        )
        below = self._company("Foreign below")
        on_edge = self._company("Foreign on edge")
        # 19,999.98 at 2.0 is 9,999.99 and 20,000.00 is 10,000.00 in company currency.
        self._invoice(below, 19999.98, date(2026, 3, 1), currency_id=foreign.id)
        self._invoice(on_edge, 20000.00, date(2026, 3, 1), currency_id=foreign.id)
        self._refresh()
        self.assertEqual(below.revenue_12m, 9999.99)
        self.assertEqual(below.suggested_tier_id, self.tier_3)
        self.assertEqual(on_edge.revenue_12m, 10000.00)
        self.assertEqual(on_edge.suggested_tier_id, self.tier_2)

    def test_suggestion_kept_per_company(self):
        other = self.setup_other_company(name="Tiered Elsewhere")["company"]
        self.env["account.mgmt.tier.rule"].create(
            {
                "name": "Other rule",
                "company_id": other.id,
                "band_ids": [
                    Command.create({"revenue_from": 0, "tier_id": self.tier_1.id}),
                ],
            }
        )
        account = self._company("Two companies")
        self._invoice(account, 500.0, date(2026, 3, 1))
        self.env["res.partner"]._refresh_account_figures(
            companies=self.env.company | other, date_to=self.DATE_TO
        )
        self.assertEqual(account.suggested_tier_id, self.tier_3)
        self.assertEqual(account.with_company(other).suggested_tier_id, self.tier_1)

    def test_cron_refreshes_suggestions(self):
        account = self._company("Nightly")
        self._invoice(account, 10000.0, fields.Date.context_today(account))
        self.env["res.partner"]._cron_refresh_account_figures()
        self.assertEqual(account.revenue_12m, 10000.0)
        self.assertEqual(account.suggested_tier_id, self.tier_2)

    def test_archived_account_still_suggested(self):
        account = self._company("Dormant")
        self._invoice(account, 10000.0, date(2026, 3, 1))
        account.action_archive()
        self._refresh()
        self.assertEqual(account.suggested_tier_id, self.tier_2)

    def test_company_without_rule_gets_no_suggestion(self):
        self.rule.active = False
        account = self._company("No rule")
        self._invoice(account, 500000.0, date(2026, 3, 1))
        self._refresh()
        self.assertFalse(account.suggested_tier_id)

    def test_manual_tier_kept_across_refresh(self):
        account = self._company("Hand picked")
        self._invoice(account, 500.0, date(2026, 3, 1))
        account.write(
            {"tier_id": self.tier_1.id, "tier_reason": "Board member is a customer"}
        )
        self._refresh()
        self._refresh()
        self.assertEqual(account.tier_id, self.tier_1)
        self.assertEqual(account.suggested_tier_id, self.tier_3)
        self.assertEqual(account.tier_reason, "Board member is a customer")
        self.assertEqual(account.tier_set_by_id, self.env.user)
        self.assertEqual(account.tier_set_date, fields.Date.context_today(account))

    def test_tier_differs_filter(self):
        differs = self._company("Differs")
        matches = self._company("Matches")
        unassigned = self._company("Unassigned")
        for account in differs | matches | unassigned:
            self._invoice(account, 500.0, date(2026, 3, 1))
        differs.tier_id = self.tier_1
        matches.tier_id = self.tier_3
        self._refresh()
        found = self.env["res.partner"].search(
            [
                ("is_tier_differs", "=", True),
                ("id", "in", (differs | matches | unassigned).ids),
            ]
        )
        self.assertEqual(found, differs | unassigned)
        self.assertTrue(differs.is_tier_differs)
        self.assertFalse(matches.is_tier_differs)

    def test_apply_suggested_tier(self):
        account = self._company("Follows suggestion")
        self._invoice(account, 50000.0, date(2026, 3, 1))
        account.tier_id = self.tier_3
        self._refresh()
        account.with_user(self.head_of_accounts).action_apply_suggested_tier()
        self.assertEqual(account.tier_id, self.tier_2)
        self.assertEqual(account.tier_reason, "Applied the suggested tier")
        self.assertEqual(account.tier_set_by_id, self.head_of_accounts)
        self.assertFalse(account.is_tier_differs)

    def test_posting_invoice_leaves_suggestion_alone(self):
        account = self._company("Big order")
        self._invoice(account, 500.0, date(2026, 3, 1))
        self._refresh()
        self.assertEqual(account.suggested_tier_id, self.tier_3)
        invoice = self._invoice(account, 200000.0, date(2026, 3, 2), post=False)
        invoice.action_post()
        self.env.flush_all()
        account.invalidate_recordset()
        self.assertFalse(
            self.env.transaction.tocompute.get(account._fields["suggested_tier_id"])
        )
        self.assertEqual(account.revenue_12m, 500.0)
        self.assertEqual(account.suggested_tier_id, self.tier_3)
        self._refresh()
        self.assertEqual(account.suggested_tier_id, self.tier_1)

    def test_batch_query_count_is_constant(self):
        accounts = self.env["res.partner"].create(
            [{"name": f"Batch {index}", "is_company": True} for index in range(100)]
        )
        for index, account in enumerate(accounts):
            account.revenue_12m = index * 1500.0
        self.env.flush_all()
        Partner = self.env["res.partner"]
        for batch in (accounts[:10], accounts):
            with self.subTest(size=len(batch)), self.assertQueryCount(1):
                Partner._refresh_tier_suggestions(
                    companies=self.env.company, partners=batch
                )
            with self.subTest(size=len(batch)), self.assertQueryCount(2):
                Partner._refresh_account_figures(
                    companies=self.env.company, partners=batch, date_to=self.DATE_TO
                )
        self.assertEqual(accounts[6].suggested_tier_id, self.tier_3)


@tagged("post_install", "-at_install", "account_mgmt")
class TestTierAssignment(AccountTierCommon):
    def test_contact_shows_company_tier(self):
        self.customer.tier_id = self.tier_2
        self.assertEqual(self.customer_contact.tier_id, self.tier_2)
        late = self.env["res.partner"].create(
            {"name": "Late", "parent_id": self.customer.id}
        )
        self.assertEqual(late.tier_id, self.tier_2)

    def test_tier_on_child_contact_rejected(self):
        self.customer.tier_id = self.tier_2
        with (
            self.assertRaisesRegex(ValidationError, "Tier 1 - Strategic.*Jane Buyer"),
            self.cr.savepoint(),
        ):
            self.customer_contact.tier_id = self.tier_1
        self.env.invalidate_all()
        self.assertEqual(self.customer_contact.tier_id, self.tier_2)
        self.assertEqual(self.customer.tier_id, self.tier_2)

    def test_contact_moved_takes_company_tier(self):
        freelancer = self.env["res.partner"].create(
            {"name": "Freelancer", "tier_id": self.tier_1.id}
        )
        self.assertEqual(freelancer.tier_id, self.tier_1)
        freelancer.parent_id = self.customer
        self.assertFalse(freelancer.tier_id)
        self.assertFalse(freelancer.tier_set_by_id)
        self.customer.tier_id = self.tier_3
        other = self._company("Other employer", tier_id=self.tier_2.id)
        freelancer.parent_id = other
        self.assertEqual(freelancer.tier_id, self.tier_2)

    def test_tier_change_logged_in_chatter(self):
        # Odoo tracks no change to a record in the transaction that created
        # it: running the pre-commit hooks ends that state for the customer.
        self.env.cr.flush()
        account = self.customer.with_context(**TRACKING_CONTEXT)
        account.write(
            {"tier_id": self.tier_1.id, "tier_reason": "Signed a framework deal"}
        )
        # Tracking values are written by the pre-commit hooks that cr.flush() runs.
        self.env.flush_all()
        self.env.cr.flush()
        # Only administrators may read tracking values.
        tracking_values = account.sudo().message_ids.tracking_value_ids
        tracked = tracking_values.filtered(
            lambda value: value.field_id.name == "tier_id"
        )
        self.assertEqual(len(tracked), 1)
        self.assertEqual(tracked.new_value_char, "Tier 1 - Strategic")
        reasons = tracking_values.filtered(
            lambda value: value.field_id.name == "tier_reason"
        )
        self.assertEqual(reasons.new_value_char, "Signed a framework deal")

    def test_tier_change_without_reason_clears_reason(self):
        self.customer.write(
            {"tier_id": self.tier_1.id, "tier_reason": "Framework deal"}
        )
        self.customer.tier_id = self.tier_2
        self.assertFalse(self.customer.tier_reason)
        self.customer.tier_id = False
        self.assertFalse(self.customer.tier_set_by_id)
        self.assertFalse(self.customer.tier_set_date)

    def test_account_manager_sets_tier(self):
        account = self.customer.with_user(self.account_manager)
        account.write({"tier_id": self.tier_3.id, "tier_reason": "Shrinking"})
        self.assertEqual(self.customer.tier_set_by_id, self.account_manager)
        self.assertEqual(self.customer_contact.tier_set_by_id, self.account_manager)

    def test_partner_views_load_for_each_group(self):
        kanban = self.env.ref("account_mgmt.res_partner_view_kanban_account")
        for user in (self.plain_user, self.account_manager, self.head_of_accounts):
            with self.subTest(user=user.login):
                views = (
                    self.env["res.partner"]
                    .with_user(user)
                    .get_views([(False, "form"), (kanban.id, "kanban")])
                )
                form_arch = views["views"]["form"]["arch"]
                self.assertEqual(
                    "suggested_tier_id" in form_arch, user != self.plain_user
                )
                self.assertIn("tier_id", views["views"]["kanban"]["arch"])

    def test_suggested_tier_needs_account_group(self):
        self._invoice(self.customer, 500.0, date(2026, 3, 1))
        self._refresh()
        self.assertEqual(
            self.customer.with_user(self.account_manager).suggested_tier_id, self.tier_3
        )
        with self.assertRaises(AccessError):
            self.customer.with_user(self.plain_user).read(["suggested_tier_id"])


@tagged("post_install", "-at_install", "account_mgmt")
class TestTierConfiguration(AccountTierCommon):
    def _band(self, revenue_from, revenue_to, tier):
        return Command.create(
            {"revenue_from": revenue_from, "revenue_to": revenue_to, "tier_id": tier.id}
        )

    def _new_rule(self, bands):
        company = self.setup_other_company(name="Config Co")["company"]
        return self.env["account.mgmt.tier.rule"].create(
            {"name": "Config rule", "company_id": company.id, "band_ids": bands}
        )

    def test_shipped_tier_policies(self):
        self.assertEqual(
            [
                (t.contact_interval_days, t.review_interval_months, t.touchpoint_mode)
                for t in self.tier_1 | self.tier_2 | self.tier_3
            ],
            [(30, 3, "manual"), (60, 6, "manual"), (120, 0, "automated")],
        )

    def test_overlapping_bands_rejected(self):
        count = self.env["account.mgmt.tier.rule"].search_count([])
        with self.assertRaisesRegex(ValidationError, "overlap"), self.cr.savepoint():
            self._new_rule(
                [self._band(0, 5000, self.tier_3), self._band(4000, 0, self.tier_2)]
            )
        self.assertEqual(self.env["account.mgmt.tier.rule"].search_count([]), count)

    def test_unbounded_band_below_another_rejected(self):
        with self.assertRaisesRegex(ValidationError, "overlap"):
            self._new_rule(
                [self._band(0, 0, self.tier_3), self._band(5000, 0, self.tier_2)]
            )

    def test_unordered_bands_rejected(self):
        with self.assertRaisesRegex(ValidationError, "less important tier"):
            self._new_rule(
                [self._band(0, 5000, self.tier_1), self._band(5000, 0, self.tier_3)]
            )

    def test_negative_threshold_rejected(self):
        with self.assertRaisesRegex(ValidationError, r"-5\.0"):
            self._new_rule([self._band(-5.0, 100, self.tier_3)])

    def test_band_ending_below_start_rejected(self):
        with self.assertRaisesRegex(ValidationError, "ends at or below its start"):
            self._new_rule([self._band(500, 100, self.tier_3)])

    def test_band_edit_creating_overlap_rejected(self):
        top_band = self.rule.band_ids.filtered(lambda band: band.tier_id == self.tier_1)
        with self.assertRaisesRegex(ValidationError, "overlap"), self.cr.savepoint():
            top_band.revenue_from = 50000.0
        self.env.invalidate_all()
        self.assertEqual(top_band.revenue_from, 100000.0)

    def test_shifting_bands_in_one_rule_write(self):
        bands = self.rule.band_ids.sorted("revenue_from")
        self.rule.write(
            {
                "band_ids": [
                    Command.update(bands[0].id, {"revenue_to": 20000}),
                    Command.update(bands[1].id, {"revenue_from": 20000}),
                ]
            }
        )
        self.assertEqual(bands[1].revenue_from, 20000.0)

    def test_invalid_tier_intervals_rejected(self):
        for values, message in (
            ({"contact_interval_days": 0}, "0 days"),
            ({"contact_interval_days": -10}, "-10 days"),
            ({"review_interval_months": -1}, "-1 months"),
        ):
            with self.subTest(values=values):
                with self.assertRaisesRegex(ValidationError, message):
                    self.env["account.mgmt.tier"].create({"name": "Broken", **values})

    def test_pipeline_weight_out_of_range_rejected(self):
        with self.assertRaisesRegex(ValidationError, "150.0"):
            self.rule.pipeline_weight = 150.0

    @mute_logger("odoo.sql_db")
    def test_one_rule_per_company(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["account.mgmt.tier.rule"].create(
                {"name": "Second", "company_id": self.env.company.id}
            )

    def test_account_manager_cannot_edit_rules(self):
        rule = self.rule.with_user(self.account_manager)
        self.assertEqual(rule.band_ids.mapped("revenue_from"), [0.0, 10000.0, 100000.0])
        with self.assertRaises(AccessError):
            rule.pipeline_weight = 10.0
        with self.assertRaises(AccessError):
            self.tier_1.with_user(self.account_manager).contact_interval_days = 10

    def test_rules_of_other_companies_hidden(self):
        other_rule = self._new_rule([self._band(0, 0, self.tier_3)])
        visible = (
            self.env["account.mgmt.tier.rule"]
            .with_user(self.head_of_accounts)
            .search([("id", "in", (self.rule | other_rule).ids)])
        )
        self.assertEqual(visible, self.rule)
        visible_bands = (
            self.env["account.mgmt.tier.band"]
            .with_user(self.head_of_accounts)
            .search([("rule_id", "in", (self.rule | other_rule).ids)])
        )
        self.assertEqual(visible_bands, self.rule.band_ids)
