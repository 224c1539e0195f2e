# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import models
from . import report
from . import wizards


def post_init_hook(env):
    """Compute the account figures once, so the Accounts list is filled at install."""
    env["res.partner"]._refresh_account_figures()
