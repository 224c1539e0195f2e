# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.tools import SQL


class AccountMgmtRetentionReport(models.Model):
    """Renewal cycles closed as churned feed the retention report."""

    _inherit = "account.mgmt.retention.report"
    _depends = {
        "account.mgmt.renewal": ["partner_id", "company_id", "state", "decision_date"],
    }

    @api.model
    def _churned_elsewhere_sql(self, date_from, date_to):
        """Select the accounts whose renewal cycle churned in the window.

        A cycle closed as churned with a decision date between ``date_from``
        and ``date_to`` (both included) marks its account churned in its
        company, even when invoices of the window still bring revenue: the
        customer decided to leave, and the invoices billed now are the end
        of the contract. Cycles on a contact count for its commercial
        partner, the level the report works at.
        """
        return SQL(
            """
            SELECT DISTINCT COALESCE(partner.commercial_partner_id, partner.id)
                       AS partner_id,
                   renewal.company_id
              FROM account_mgmt_renewal renewal
              JOIN res_partner partner ON partner.id = renewal.partner_id
             WHERE renewal.state = 'churned'
               AND renewal.decision_date BETWEEN %(date_from)s AND %(date_to)s
            """,
            date_from=date_from,
            date_to=date_to,
        )
