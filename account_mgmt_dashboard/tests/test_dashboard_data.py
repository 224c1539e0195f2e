# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import json
from datetime import date

from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "account_mgmt")
class TestDashboardData(TransactionCase):
    """The shipped dashboard reads fields that exist, with the filters it declares."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        dashboard = cls.env.ref(
            "account_mgmt_dashboard.spreadsheet_dashboard_account_mgmt"
        )
        cls.data = json.loads(base64.b64decode(dashboard.spreadsheet_binary_data))
        cls.filter_ids = {f["id"] for f in cls.data["globalFilters"]}

    def _check_fields(self, model_name, names):
        model = self.env[model_name]
        for name in names:
            with self.subTest(model=model_name, field=name):
                self.assertIn(name.split(".")[0], model._fields)

    def test_data_sources_read_existing_fields(self):
        sources = [*self.data["pivots"].values(), *self.data["lists"].values()]
        self.assertEqual(len(sources), 10)
        for source in sources:
            # Pivot groupings are dicts, list columns plain field names.
            groupings = [*source.get("rows", []), *source.get("columns", [])]
            names = [m["fieldName"] for m in source.get("measures", [])]
            names += [g["fieldName"] if isinstance(g, dict) else g for g in groupings]
            names += [f[0] for f in source["domain"] if isinstance(f, list)]
            names = [n for n in names if isinstance(n, str) and n != "__count"]
            self._check_fields(source["model"], names)
            for filter_id, match in source["fieldMatching"].items():
                self.assertIn(filter_id, self.filter_ids)
                self._check_fields(source["model"], [match["chain"]])

    def test_filters_period_tier_manager_company(self):
        self.assertEqual(
            [(f["type"], f["label"]) for f in self.data["globalFilters"]],
            [
                ("date", "Period"),
                ("relation", "Tier"),
                ("relation", "Account Manager"),
                ("relation", "Company"),
            ],
        )

    @freeze_time("2026-06-30")
    def test_prior_year_context_shifts_windows(self):
        report = self.env["account.mgmt.retention.report"]
        self.assertEqual(
            report.with_context(
                account_mgmt_retention_years_back=1
            )._retention_windows(),
            (date(2023, 7, 1), date(2024, 6, 30), date(2024, 7, 1), date(2025, 6, 30)),
        )
        explicit = report.with_context(
            account_mgmt_retention_years_back=1,
            account_mgmt_retention_date="2026-03-31",
        )
        self.assertEqual(explicit._retention_windows()[3], date(2026, 3, 31))
