# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

ACCOUNT_GROUP = "account_mgmt.group_account_mgmt_user"

STAKEHOLDER_LEVELS = [
    ("executive", "Executive"),
    ("management", "Management"),
    ("operational", "Operational"),
]
RELATIONSHIP_STRENGTHS = [
    ("none", "None"),
    ("weak", "Weak"),
    ("good", "Good"),
    ("strong", "Strong"),
]
# A relationship at one of these strengths counts as a thread into the account.
THREAD_STRENGTHS = ("good", "strong")
# Single-threading thresholds: contacts with a good relationship, and levels they cover.
MIN_THREADED_CONTACTS = 3
MIN_THREADED_LEVELS = 2


class ResPartner(models.Model):
    """Stakeholder map: the roles of an account's contacts and our ties to them."""

    _inherit = "res.partner"

    stakeholder_role_ids = fields.Many2many(
        "account.mgmt.stakeholder.role",
        "res_partner_stakeholder_role_rel",
        "partner_id",
        "role_id",
        string="Stakeholder Roles",
        groups=ACCOUNT_GROUP,
    )
    stakeholder_level = fields.Selection(
        STAKEHOLDER_LEVELS,
        groups=ACCOUNT_GROUP,
        help="Level of the contact in the client's organisation.",
    )
    relationship_owner_id = fields.Many2one(
        "res.users",
        domain=[("share", "=", False)],
        groups=ACCOUNT_GROUP,
        help="Our user who owns the relationship with this contact.",
    )
    relationship_strength = fields.Selection(
        RELATIONSHIP_STRENGTHS,
        default="none",
        groups=ACCOUNT_GROUP,
    )
    stakeholder_mitigation = fields.Text(
        string="Mitigation",
        groups=ACCOUNT_GROUP,
        help="How we neutralise this contact's opposition; required for a blocker "
        "to stop counting as a stakeholder gap.",
    )
    last_interaction_date = fields.Date(
        compute="_compute_last_interaction_date",
        groups=ACCOUNT_GROUP,
        help="Day of the last email, logged note or completed activity on this "
        "contact, or of the last email or comment this contact wrote.",
    )
    stakeholder_contact_ids = fields.One2many(
        "res.partner",
        "parent_id",
        string="Stakeholders",
        domain=[("type", "=", "contact")],
        groups=ACCOUNT_GROUP,
        help="Contacts of the account, with their stakeholder roles.",
    )
    stakeholder_gaps = fields.Text(
        compute="_compute_stakeholder_gaps",
        groups=ACCOUNT_GROUP,
        help="What the account's stakeholder map lacks, one gap a line.",
    )
    stakeholder_gap_count = fields.Integer(
        compute="_compute_stakeholder_gaps",
        groups=ACCOUNT_GROUP,
    )

    # ------------------------------------------------------------
    # COMPUTE
    # ------------------------------------------------------------

    def _compute_last_interaction_date(self):
        last_dates = {}
        contact_ids = tuple(self.ids)
        if contact_ids:
            self.env["mail.message"].flush_model(
                [
                    "model",
                    "res_id",
                    "message_type",
                    "mail_activity_type_id",
                    "author_id",
                    "date",
                ]
            )
            rows = self.env.execute_query(
                SQL(
                    """
                    SELECT contact_id, MAX(date)
                      FROM (
                          SELECT res_id AS contact_id, date
                            FROM mail_message
                           WHERE model = 'res.partner'
                             AND res_id IN %(ids)s
                             AND (message_type IN ('email', 'comment')
                                  OR mail_activity_type_id IS NOT NULL)
                          UNION ALL
                          SELECT author_id, date
                            FROM mail_message
                           WHERE author_id IN %(ids)s
                             AND message_type IN ('email', 'comment')
                      ) interaction
                     GROUP BY contact_id
                    """,
                    ids=contact_ids,
                )
            )
            last_dates = dict(rows)
        for partner in self:
            last = last_dates.get(partner.id)
            partner.last_interaction_date = (
                fields.Date.context_today(self, last) if last else False
            )

    @api.depends(
        "child_ids.stakeholder_role_ids",
        "child_ids.stakeholder_level",
        "child_ids.relationship_strength",
        "child_ids.stakeholder_mitigation",
    )
    def _compute_stakeholder_gaps(self):
        gap_codes = self._get_stakeholder_gap_codes()
        labels = dict(self._stakeholder_gap_labels())
        for partner in self:
            codes = gap_codes.get(partner.id, [])
            partner.stakeholder_gap_count = len(codes)
            partner.stakeholder_gaps = "\n".join(labels[code] for code in codes)

    # ------------------------------------------------------------
    # CONSTRAINTS
    # ------------------------------------------------------------

    @api.constrains("stakeholder_role_ids", "stakeholder_level", "parent_id")
    def _check_stakeholder_is_contact(self):
        for partner in self.sudo():
            if not (partner.stakeholder_role_ids or partner.stakeholder_level):
                continue
            if not partner.parent_id or partner.commercial_partner_id == partner:
                raise ValidationError(
                    self.env._(
                        "%(partner)s is not a contact of an account, so it cannot "
                        "be a stakeholder. Set its company first, or remove its "
                        "stakeholder roles and level.",
                        partner=partner.display_name,
                    )
                )

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_open_stakeholder_map(self):
        """Open the account's contacts as a kanban grouped by level."""
        self.ensure_one()
        account = self.commercial_partner_id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Stakeholders of %(account)s", account=account.name),
            "res_model": "res.partner",
            "view_mode": "kanban,list,form",
            "views": [
                (
                    self.env.ref("account_mgmt.res_partner_view_kanban_stakeholder").id,
                    "kanban",
                ),
                (
                    self.env.ref("account_mgmt.res_partner_view_list_stakeholder").id,
                    "list",
                ),
                (False, "form"),
            ],
            "domain": [
                ("commercial_partner_id", "=", account.id),
                ("id", "!=", account.id),
            ],
            "context": {
                "default_parent_id": account.id,
                "group_by": "stakeholder_level",
            },
        }

    # ------------------------------------------------------------
    # TOOLING
    # ------------------------------------------------------------

    @api.model
    def _stakeholder_gap_labels(self):
        return [
            ("no_decision_maker", self.env._("No decision-maker")),
            ("no_champion", self.env._("No champion")),
            ("no_budget_holder", self.env._("No budget holder")),
            ("blocker_without_mitigation", self.env._("Blocker without a mitigation")),
            (
                "single_threaded",
                self.env._(
                    "Single-threaded: fewer than 3 contacts with a good or strong "
                    "relationship, or they cover fewer than 2 levels"
                ),
            ),
        ]

    def _get_stakeholder_gap_codes(self):
        """Return the stakeholder gap codes of each commercial entity in ``self``.

        The contacts are the active partners whose commercial entity is the
        account. Single-threading counts only the contacts with a good or
        strong relationship: fewer than 3 of them, or fewer than 2 levels
        among them, is a gap. Contacts and partners that are not their own
        commercial entity get no gaps.

        :return: dict partner id -> list of gap codes, in the order of
            ``_stakeholder_gap_labels``
        """
        accounts = self.filtered(
            lambda partner: partner.id and partner.commercial_partner_id == partner
        )
        if not accounts:
            return {}
        contacts = (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("commercial_partner_id", "in", accounts.ids),
                    ("id", "not in", accounts.ids),
                ]
            )
        )
        # grouped() keeps the prefetch set, so each field is read once for all.
        contacts_by_account = contacts.grouped("commercial_partner_id")
        result = {}
        for account in accounts:
            account_contacts = contacts_by_account.get(account, self.env["res.partner"])
            kinds = set(account_contacts.stakeholder_role_ids.mapped("kind"))
            threads = account_contacts.filtered(
                lambda contact: contact.relationship_strength in THREAD_STRENGTHS
            )
            levels = set(threads.mapped("stakeholder_level")) - {False}
            blockers = account_contacts.filtered(
                lambda contact: (
                    "blocker" in contact.stakeholder_role_ids.mapped("kind")
                    and not (contact.stakeholder_mitigation or "").strip()
                )
            )
            codes = []
            if "decision_maker" not in kinds:
                codes.append("no_decision_maker")
            if "champion" not in kinds:
                codes.append("no_champion")
            if "budget_holder" not in kinds:
                codes.append("no_budget_holder")
            if blockers:
                codes.append("blocker_without_mitigation")
            if (
                len(threads) < MIN_THREADED_CONTACTS
                or len(levels) < MIN_THREADED_LEVELS
            ):
                codes.append("single_threaded")
            result[account.id] = codes
        return result
