# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl-3.0).
from . import models
