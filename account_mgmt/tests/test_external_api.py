# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from datetime import date

from odoo.tests import HttpCase, tagged

from .common import AccountMgmtCommon


@tagged("post_install", "-at_install", "account_mgmt")
class TestExternalApi(AccountMgmtCommon, HttpCase):
    """Accounts read over Odoo's external JSON API (/json/2) with API keys."""

    def _api_key(self, user):
        # sudo: the key is made for ``user`` without the expiry limit of its groups.
        return (
            self.env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(None, "test", None)
        )

    def _search_read_accounts(self, user):
        response = self.url_open(
            "/json/2/res.partner/search_read",
            data=json.dumps(
                {
                    "domain": [["is_customer_account", "=", True]],
                    "fields": ["name", "account_manager_id", "revenue_12m"],
                }
            ),
            headers={
                "Authorization": f"bearer {self._api_key(user)}",
                "Content-Type": "application/json",
                "X-Odoo-Database": self.env.cr.dbname,
            },
        )
        return response

    def test_account_manager_reads_accounts(self):
        self.customer.account_manager_id = self.account_manager
        self._invoice(self.customer_contact, 1234.56, date.today())
        self.env["res.partner"]._refresh_account_figures()
        response = self._search_read_accounts(self.account_manager)
        self.assertEqual(response.status_code, 200, response.text)
        rows = {row["id"]: row for row in response.json()}
        self.assertIn(self.customer.id, rows)
        self.assertNotIn(self.customer_contact.id, rows)
        self.assertEqual(rows[self.customer.id]["revenue_12m"], 1234.56)
        self.assertEqual(
            rows[self.customer.id]["account_manager_id"][0], self.account_manager.id
        )

    def _jsonrpc_search_read_accounts(self, login):
        # Odoo's older /jsonrpc endpoint (deprecated in 19.0 but still served).
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "service": "object",
                        "method": "execute_kw",
                        "args": [
                            self.env.cr.dbname,
                            self.env["res.users"].search([("login", "=", login)]).id,
                            f"{login}_password",
                            "res.partner",
                            "search_read",
                            [[["is_customer_account", "=", True]]],
                            {"fields": ["name", "revenue_12m"]},
                        ],
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200, response.text)
        return response.json()

    def test_jsonrpc_reads_accounts_for_manager_only(self):
        self._invoice(self.customer, 99.99, date.today())
        self.env["res.partner"]._refresh_account_figures()
        result = self._jsonrpc_search_read_accounts("am_user")
        rows = {row["id"]: row for row in result["result"]}
        self.assertEqual(rows[self.customer.id]["revenue_12m"], 99.99)
        refused = self._jsonrpc_search_read_accounts("plain_user")
        self.assertNotIn("result", refused)
        self.assertEqual(
            refused["error"]["data"]["name"], "odoo.exceptions.AccessError"
        )

    def test_user_without_group_is_refused(self):
        self._invoice(self.customer, 10.0, date.today())
        response = self._search_read_accounts(self.plain_user)
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("AccessError", response.text)
