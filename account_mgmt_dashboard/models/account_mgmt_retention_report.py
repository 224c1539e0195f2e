# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.account_mgmt.report.account_mgmt_retention_report import DATE_KEY

# Context key: move the as-of date this many years back from today.
YEARS_BACK_KEY = "account_mgmt_retention_years_back"


class AccountMgmtRetentionReport(models.Model):
    """Retention windows one or more years back, for the dashboard's comparison.

    A spreadsheet pivot carries a fixed context, so it cannot name a date
    relative to today; this key lets the prior-year pivot follow the calendar.
    An explicit as-of date in the context still wins.
    """

    _inherit = "account.mgmt.retention.report"

    @api.model
    def _retention_windows(self):
        years = int(self.env.context.get(YEARS_BACK_KEY) or 0)
        if not years or self.env.context.get(DATE_KEY):
            return super()._retention_windows()
        as_of = fields.Date.context_today(self) - relativedelta(years=years)
        return super(
            AccountMgmtRetentionReport, self.with_context(**{DATE_KEY: as_of})
        )._retention_windows()
