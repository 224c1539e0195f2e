# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

SCALES = {"nps": (0, 10), "csat": (1, 5)}


class AccountMgmtSatisfaction(models.Model):
    """One NPS or CSAT answer given by a contact of an account.

    Entered by hand or imported from a CSV file. The import keeps the valid
    rows and reports each rejected one (see ``load``).
    """

    _name = "account.mgmt.satisfaction"
    _description = "Satisfaction Response"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        ondelete="cascade",
        help="Person who answered; the answer counts for their account.",
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id",
        string="Account",
        store=True,
        index=True,
    )
    survey_type = fields.Selection(
        [("nps", "NPS (0-10)"), ("csat", "CSAT (1-5)")],
        string="Type",
        required=True,
        default="nps",
    )
    score = fields.Integer(required=True)
    date = fields.Date(required=True, default=fields.Date.context_today)
    comment = fields.Text()

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("survey_type", "score")
    def _check_score(self):
        for response in self:
            low, high = SCALES[response.survey_type]
            if not low <= response.score <= high:
                raise ValidationError(
                    self.env._(
                        "%(type)s score %(score)s of %(contact)s is out of range: "
                        "enter a whole number from %(low)s to %(high)s.",
                        type=response.survey_type.upper(),
                        score=response.score,
                        contact=response.partner_id.display_name,
                        low=low,
                        high=high,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model
    def load(self, fields, data):
        """Import row by row: keep the valid rows, report the rejected ones.

        The standard ``load`` rolls the whole file back on the first bad row.
        Survey exports often hold a few unknown contacts or typos, so each row
        is loaded on its own; a rejected row comes back as a warning naming
        its row number (1 is the first data row) and the reason, and the
        other rows are kept.
        """
        ids = []
        messages = []
        # An unknown contact leaves the row without contact: refuse it before
        # the database does, with a readable message.
        has_contact = any(name.split("/")[0] == "partner_id" for name in fields)
        loader = self.with_context(account_mgmt_import_contact=has_contact)
        for index, row in enumerate(data):
            result = super(AccountMgmtSatisfaction, loader).load(fields, [row])
            if result["ids"]:
                ids.extend(result["ids"])
                messages.extend(result["messages"])
                continue
            reasons = list(dict.fromkeys(m["message"] for m in result["messages"]))
            messages.append(
                {
                    "type": "warning",
                    "rows": {"from": index, "to": index},
                    "record": index,
                    "field": result["messages"][0].get("field", "")
                    if result["messages"]
                    else "",
                    "message": self.env._(
                        "Row %(row)s rejected: %(reasons)s",
                        row=index + 1,
                        reasons="; ".join(reasons),
                    ),
                }
            )
        return {"ids": ids or False, "messages": messages, "nextrow": 0}

    def _load_records(self, data_list, update=False):
        if self.env.context.get("account_mgmt_import_contact") and any(
            not data["values"].get("partner_id") for data in data_list
        ):
            raise UserError(self.env._("No contact: give the name of a known contact."))
        return super()._load_records(data_list, update=update)
