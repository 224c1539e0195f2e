# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install", "account_mgmt")
class TestDashboardTour(HttpCase):
    """The dashboard, an account's 360 view and its plan in a real browser.

    Runs on the demo data of account_mgmt (demo/account_move_history_demo.xml
    and demo/account_mgmt_renewal_demo.xml); the tour checks that the KPI
    cells show the figures asserted here against the reporting models.
    """

    def _retention(self, **context):
        kpis = (
            self.env["account.mgmt.retention.report"]
            .with_context(**context)
            ._get_retention_kpis()
        )
        return {key: kpis[key] for key in ("nrr", "grr", "logo_churn", "expansion")}

    def _renewal(self, period):
        kpis = self.env["account.mgmt.renewal.report"]._get_renewal_kpis(
            [("period", "=", period)]
        )
        return kpis["renewal_rate"], kpis["days_to_renew"]

    def test_demo_figures_of_the_reporting_models(self):
        self.assertEqual(
            self._retention(),
            {"nrr": 84.21, "grr": 73.68, "logo_churn": 25.0, "expansion": 6000.0},
        )
        self.assertEqual(
            self._retention(account_mgmt_retention_years_back=1),
            {"nrr": 105.56, "grr": 98.15, "logo_churn": 0.0, "expansion": 4000.0},
        )
        self.assertEqual(self._renewal("current"), (66.67, 7.5))
        self.assertEqual(self._renewal("prior"), (100.0, 30.0))

    def test_dashboard_tour(self):
        self.start_tour("/odoo", "account_mgmt_dashboard_tour", login="admin")
