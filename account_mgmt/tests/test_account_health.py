# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import date, datetime, timedelta
from unittest.mock import patch

from odoo.addons.account_mgmt.models.res_partner_health import ResPartner
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import AccountMgmtCommon

DAY = date(2026, 6, 30)


class HealthCommon(AccountMgmtCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proactive_type = cls.env["mail.activity.type"].create(
            {"name": "Business review", "is_proactive": True}
        )
        cls.customer.account_manager_id = cls.account_manager

    def _nps(self, contact, score, on=DAY, survey_type="nps"):
        return self.env["account.mgmt.satisfaction"].create(
            {
                "partner_id": contact.id,
                "survey_type": survey_type,
                "score": score,
                "date": on,
            }
        )

    def _proactive(self, record, on=DAY):
        return self.env["mail.message"].create(
            {
                "model": record._name,
                "res_id": record.id,
                "message_type": "comment",
                "body": "Quarterly review",
                "mail_activity_type_id": self.proactive_type.id,
                "date": datetime.combine(on, datetime.min.time()),
            }
        )

    def _order(self, partner, ordered_on):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (0, 0, {"product_id": self.product_a.id, "product_uom_qty": 1})
                ],
            }
        )
        order.action_confirm()
        order.date_order = datetime.combine(ordered_on, datetime.min.time())
        return order

    def _due_invoice(self, partner, amount, invoice_date):
        """Invoice due on its invoice date, whatever the default payment terms."""
        return self._invoice(
            partner,
            amount,
            invoice_date,
            invoice_payment_term_id=False,
            invoice_date_due=invoice_date,
        )

    def _pay(self, invoice, paid_on):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"payment_date": paid_on})._create_payments()

    def _set_weights(self, engagement, payment, satisfaction):
        for code, weight in (
            ("engagement", engagement),
            ("payment", payment),
            ("satisfaction", satisfaction),
        ):
            self.env.ref(f"account_mgmt.health_component_{code}").weight = weight


@tagged("post_install", "-at_install", "account_mgmt")
class TestHealthComponents(HealthCommon):
    def test_satisfaction_takes_latest_answer_per_contact(self):
        other_contact = self.env["res.partner"].create(
            {"name": "Joe Ops", "parent_id": self.customer.id}
        )
        self._nps(self.customer_contact, 6, on=date(2026, 1, 10))
        self._nps(self.customer_contact, 9, on=date(2026, 5, 10))
        self._nps(other_contact, 4, on=date(2026, 6, 1), survey_type="csat")
        # Older than 12 months: ignored.
        self._nps(other_contact, 0, on=date(2025, 6, 30))
        self.customer._refresh_health(DAY)
        detail = self.customer.health_breakdown["satisfaction"]
        # NPS 9 is 90 and CSAT 4 is 75.
        self.assertEqual(detail["score"], 82.5)
        self.assertEqual(detail["facts"], {"nps": [9], "csat": [4]})

    def test_payment_scores_overdue_share(self):
        self._due_invoice(self.customer, 1000.0, date(2026, 6, 1))
        self._due_invoice(self.customer_contact, 3000.0, DAY)
        self.customer._refresh_health(DAY)
        detail = self.customer.health_breakdown["payment"]
        self.assertEqual(detail["score"], 75.0)
        self.assertEqual(detail["facts"]["open_receivable"], 4000.0)
        self.assertEqual(detail["facts"]["overdue_receivable"], 1000.0)

    def test_payment_scores_days_paid_late(self):
        invoice = self._due_invoice(self.customer, 500.0, date(2026, 3, 1))
        self._pay(invoice, date(2026, 3, 31))
        self.customer._refresh_health(DAY)
        detail = self.customer.health_breakdown["payment"]
        self.assertEqual(detail["facts"]["average_days_late"], 30.0)
        self.assertEqual(detail["facts"]["paid_invoices_12m"], 1)
        self.assertEqual(detail["score"], 50.0)

    def test_engagement_follows_the_account_buying_cycle(self):
        for ordered_on in (date(2026, 4, 1), date(2026, 5, 1), date(2026, 5, 31)):
            self._order(self.customer_contact, ordered_on)
        self._proactive(self.customer_contact, on=date(2026, 6, 15))
        self.customer._refresh_health(DAY)
        detail = self.customer.health_breakdown["engagement"]
        self.assertEqual(
            detail["facts"],
            {
                "proactive_interactions_90d": 1,
                "last_order_date": "2026-05-31",
                "days_since_last_order": 30,
                "buying_cycle_days": 30.0,
                "orders_12m": 3,
            },
        )
        # Proactive 33.33, recency 100, frequency 3 x 30 / 365 = 24.66.
        self.assertEqual(detail["score"], 52.7)

    def test_engagement_score_table(self):
        score = self.env["res.partner"]._health_score_engagement
        cases = [
            ({"proactive_interactions_90d": 0}, 0.0),
            ({"proactive_interactions_90d": 5}, 100.0),
            ({"proactive_interactions_90d": 3, "usage_score": 40.0}, 70.0),
            (
                {
                    "proactive_interactions_90d": 3,
                    "days_since_last_order": 60,
                    "buying_cycle_days": 40.0,
                    "orders_12m": 10,
                },
                # proactive 100, recency (120 - 60) / 80 = 75, frequency 100.
                275.0 / 3,
            ),
            (
                {
                    "proactive_interactions_90d": 0,
                    "days_since_last_order": 400,
                    "buying_cycle_days": 90.0,
                    "orders_12m": 0,
                },
                0.0,
            ),
        ]
        for facts, expected in cases:
            with self.subTest(facts=facts):
                self.assertAlmostEqual(score(facts), expected, places=6)

    def test_usage_figure_counts_when_dated(self):
        self.customer.write({"usage_score": 80.0})
        self.customer._refresh_health(DAY)
        self.assertEqual(self.customer.health_breakdown["engagement"]["score"], 0.0)
        self.customer.write({"usage_date": DAY})
        self.customer._refresh_health(DAY)
        self.assertEqual(self.customer.health_breakdown["engagement"]["score"], 40.0)

    def test_usage_figure_imports_per_account(self):
        result = self.env["res.partner"].load(
            ["id", "usage_score", "usage_date"],
            [[self._xml_id(self.customer), "65", "2026-06-01"]],
        )
        self.assertFalse(result["messages"])
        self.assertEqual(self.customer.usage_score, 65.0)
        self.assertEqual(self.customer.usage_date, date(2026, 6, 1))

    def _xml_id(self, record):
        self.env["ir.model.data"].create(
            {
                "module": "__test__",
                "name": f"account_{record.id}",
                "model": record._name,
                "res_id": record.id,
            }
        )
        return f"__test__.account_{record.id}"

    def test_usage_out_of_range_rejected(self):
        with self.assertRaisesRegex(ValidationError, "Usage score 120"):
            self.customer.usage_score = 120.0


@tagged("post_install", "-at_install", "account_mgmt")
class TestHealthBlend(HealthCommon):
    def test_blend_table(self):
        partner_model = self.env["res.partner"]
        bands = {"healthy_min": 70, "at_risk_min": 40, "drop_threshold": 15}
        weights = {"engagement": 40, "payment": 30, "satisfaction": 30}
        cases = [
            # (engagement, payment, satisfaction) -> score, band, weakest
            ((100, 100, 100), 100.0, "healthy", "engagement"),
            ((70, 70, 70), 70.0, "healthy", "engagement"),
            ((80, 60, 65), 69.5, "at_risk", "payment"),
            ((40, 40, 40), 40.0, "at_risk", "engagement"),
            ((50, 30, 30), 38.0, "critical", "payment"),
            ((0, 0, 0), 0.0, "critical", "engagement"),
            ((100, None, 10), 61.4, "at_risk", "satisfaction"),
            ((None, None, 90), 90.0, "healthy", "satisfaction"),
        ]
        for inputs, score, band, weakest in cases:
            scores = {
                code: ({1: (value, {})} if value is not None else {})
                for code, value in zip(weights, inputs, strict=True)
            }
            with self.subTest(inputs=inputs):
                values = partner_model._health_blend(1, scores, weights, bands, DAY)
                self.assertEqual(values["health_score"], score)
                self.assertEqual(values["health_band"], band)
                self.assertEqual(values["health_weakest_component"], weakest)

    def test_missing_component_is_left_out_not_zero(self):
        for _ in range(3):
            self._proactive(self.customer)
        invoice = self._due_invoice(self.customer, 500.0, date(2026, 3, 1))
        self._pay(invoice, date(2026, 3, 31))
        self.customer._refresh_health(DAY)
        # Engagement 100 (weight 40), payment 50 (weight 30), no satisfaction:
        # (4000 + 1500) / 70.
        self.assertEqual(self.customer.health_score, 78.6)
        self.assertEqual(self.customer.health_band, "healthy")
        self.assertEqual(self.customer.health_weakest_component, "payment")
        self.assertNotIn("satisfaction", self.customer.health_breakdown)
        self.assertEqual(self.customer.health_breakdown["engagement"]["weight"], 57.1)
        self.assertEqual(self.customer.health_date, DAY)

    def test_zero_weight_component_is_left_out(self):
        self._set_weights(1, 0, 1)
        self._nps(self.customer_contact, 8)
        self._invoice(self.customer, 100.0, date(2026, 6, 1))
        self.customer._refresh_health(DAY)
        self.assertEqual(self.customer.health_score, 40.0)
        self.assertEqual(
            set(self.customer.health_breakdown), {"engagement", "satisfaction"}
        )

    def test_tier_weights_override_defaults(self):
        tier = self.env["account.mgmt.tier"].create({"name": "Strategic"})
        self.env["account.mgmt.health.component"].create(
            {
                "name": "Satisfaction",
                "code": "satisfaction",
                "tier_id": tier.id,
                "weight": 360,
            }
        )
        self._nps(self.customer_contact, 10)
        self.customer.tier_id = tier
        self.customer._refresh_health(DAY)
        # Engagement 0 at 40, satisfaction 100 at 360.
        self.assertEqual(self.customer.health_score, 90.0)

    def test_bands_follow_settings(self):
        self.env["res.config.settings"].create(
            {
                "account_mgmt_health_healthy_min": 95,
                "account_mgmt_health_at_risk_min": 90,
            }
        ).execute()
        self._nps(self.customer_contact, 10)
        self._set_weights(0, 1, 1)
        self.customer._refresh_health(DAY)
        self.assertEqual(self.customer.health_score, 100.0)
        self.assertEqual(self.customer.health_band, "healthy")
        self._nps(self.customer_contact, 9, on=DAY + timedelta(days=1))
        self.customer._refresh_health(DAY + timedelta(days=1))
        self.assertEqual(self.customer.health_band, "at_risk")

    def test_account_without_data_has_no_score(self):
        self._set_weights(0, 1, 1)
        self.customer._refresh_health(DAY)
        self.assertFalse(self.customer.health_band)
        self.assertFalse(self.customer.health_date)

    def test_failing_component_is_logged_and_skipped(self):
        other = self.env["res.partner"].create({"name": "Globex", "is_company": True})
        self._nps(self.customer_contact, 10)
        self._nps(other, 5)
        original = ResPartner._health_score_satisfaction

        def failing(model, facts):
            if facts["nps"] == [5]:
                raise ZeroDivisionError("broken survey")
            return original(model, facts)

        with (
            patch.object(ResPartner, "_health_score_satisfaction", failing),
            self.assertLogs(
                "odoo.addons.account_mgmt.models.res_partner_health", logging.ERROR
            ) as logs,
        ):
            (self.customer | other)._refresh_health(DAY)
        self.assertIn(f"satisfaction failed for account {other.id}", logs.output[0])
        self.assertIn("satisfaction", self.customer.health_breakdown)
        self.assertNotIn("satisfaction", other.health_breakdown)
        self.assertEqual(other.health_score, 0.0)


@tagged("post_install", "-at_install", "account_mgmt")
class TestHealthSettingsValidation(HealthCommon):
    def test_negative_weight_rejected(self):
        with self.assertRaisesRegex(
            ValidationError, r"weight of Payment Behaviour is -5"
        ):
            self.env.ref("account_mgmt.health_component_payment").weight = -5

    def test_all_zero_weights_rejected(self):
        with self.assertRaisesRegex(ValidationError, "default weights are 0"):
            self.env["account.mgmt.health.component"].search(
                [("tier_id", "=", False)]
            ).write({"weight": 0})

    def test_all_zero_weights_of_a_tier_rejected(self):
        tier = self.env["account.mgmt.tier"].create({"name": "Strategic"})
        components = self.env["account.mgmt.health.component"].create(
            [
                {"name": code, "code": code, "tier_id": tier.id, "weight": 0}
                for code in ("engagement", "payment")
            ]
        )
        with self.assertRaisesRegex(ValidationError, "of Strategic are 0"):
            self.env["account.mgmt.health.component"].create(
                {"name": "s", "code": "satisfaction", "tier_id": tier.id, "weight": 0}
            )
        self.assertEqual(len(components), 2)

    def test_bands_out_of_order_rejected(self):
        settings = self.env["res.config.settings"].create(
            {
                "account_mgmt_health_healthy_min": 40,
                "account_mgmt_health_at_risk_min": 70,
            }
        )
        with self.assertRaisesRegex(
            ValidationError, "at risk from 70 and healthy from 40"
        ):
            settings.execute()
        params = self.env["ir.config_parameter"].sudo()
        self.assertFalse(params.get_param("account_mgmt.health_healthy_min"))

    def test_nps_out_of_range_rejected(self):
        with self.assertRaisesRegex(ValidationError, "NPS score 11 of .*Jane Buyer"):
            self._nps(self.customer_contact, 11)
        with self.assertRaisesRegex(ValidationError, "CSAT score 0"):
            self._nps(self.customer_contact, 0, survey_type="csat")


@tagged("post_install", "-at_install", "account_mgmt")
class TestSatisfactionImport(HealthCommon):
    def test_import_keeps_valid_rows_and_reports_rejected(self):
        csv = (
            "partner_id,survey_type,score,date\n"
            '"Acme Industries, Jane Buyer",nps,9,2026-06-01\n'
            "Nobody Known,nps,7,2026-06-01\n"
            '"Acme Industries, Jane Buyer",nps,11,2026-06-02\n'
            "Acme Industries,csat,4,2026-06-03\n"
        )
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "account.mgmt.satisfaction",
                "file": csv.encode(),
                "file_type": "text/csv",
            }
        )
        result = wizard.execute_import(
            ["partner_id", "survey_type", "score", "date"],
            ["partner_id", "survey_type", "score", "date"],
            {
                "quoting": '"',
                "separator": ",",
                "has_headers": True,
                "date_format": "%Y-%m-%d",
            },
        )
        responses = self.env["account.mgmt.satisfaction"].browse(result["ids"])
        self.assertEqual(
            sorted(responses.mapped(lambda r: (r.partner_id.name, r.score))),
            [("Acme Industries", 4), ("Jane Buyer", 9)],
            result["messages"],
        )
        rejected = sorted(
            (message["rows"]["from"], message["message"])
            for message in result["messages"]
        )
        self.assertEqual([row for row, _ in rejected], [1, 2])
        self.assertIn("Row 2 rejected", rejected[0][1])
        self.assertIn("Nobody Known", rejected[0][1])
        self.assertIn("Row 3 rejected", rejected[1][1])
        self.assertIn("NPS score 11", rejected[1][1])

    def test_account_manager_enters_answers(self):
        response = (
            self.env["account.mgmt.satisfaction"]
            .with_user(self.account_manager)
            .create({"partner_id": self.customer_contact.id, "score": 7})
        )
        self.assertEqual(response.commercial_partner_id, self.customer)
        with self.assertRaises(AccessError):
            self.env["account.mgmt.satisfaction"].with_user(self.plain_user).search([])
