# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Write the Account Management dashboard and its sample as spreadsheet JSON.

Run from anywhere: ``python3 account_mgmt_dashboard/tools/build_dashboard.py``.
It rewrites ``data/files/account_mgmt_dashboard.json`` (live data: pivots and
lists on the reporting models, global filters) and
``data/files/account_mgmt_sample_dashboard.json`` (the same sheet with fixed
figures, shown while the database has no revenue yet). Edit this script, not
the JSON files.
"""

import json
from pathlib import Path

FILES = Path(__file__).resolve().parent.parent / "data" / "files"
VERSION = "18.5.10"

# Global filters. The ids are fixed so that saved filter values survive a rebuild.
PERIOD = "a1d5e0c4-6f0e-4b8e-9a55-1c0f5e7b2d01"
TIER = "a1d5e0c4-6f0e-4b8e-9a55-1c0f5e7b2d02"
MANAGER = "a1d5e0c4-6f0e-4b8e-9a55-1c0f5e7b2d03"
COMPANY = "a1d5e0c4-6f0e-4b8e-9a55-1c0f5e7b2d04"

GLOBAL_FILTERS = [
    {
        "id": PERIOD,
        "type": "date",
        "label": "Period",
        "defaultValue": "last_12_months",
    },
    {
        "id": TIER,
        "type": "relation",
        "label": "Tier",
        "modelName": "account.mgmt.tier",
        "defaultValueDisplayNames": [],
    },
    {
        "id": MANAGER,
        "type": "relation",
        "label": "Account Manager",
        "modelName": "res.users",
        "defaultValueDisplayNames": [],
    },
    {
        "id": COMPANY,
        "type": "relation",
        "label": "Company",
        "modelName": "res.company",
        "defaultValueDisplayNames": [],
    },
]

# Context key of the dashboard module: the retention windows one year back.
PRIOR_YEAR = {"account_mgmt_retention_years_back": 1}


def matching(
    tier="tier_id", manager="account_manager_id", company="company_id", date=None
):
    """Map the global filters onto the fields of one data source.

    A filter given as None does not apply to that source.
    """
    result = {}
    for filter_id, chain in ((TIER, tier), (MANAGER, manager), (COMPANY, company)):
        if chain:
            result[filter_id] = {"chain": chain, "type": "many2one"}
    if date:
        result[PERIOD] = {"chain": date, "type": "date", "offset": 0}
    return result


def pivot(pivot_id, name, model, measures, domain=(), rows=(), columns=(), **kwargs):
    context = kwargs.pop("context", {})
    return {
        "type": "ODOO",
        "fieldMatching": matching(**kwargs),
        "context": context,
        "domain": list(domain),
        "id": pivot_id,
        "measures": [{"id": m, "fieldName": m} for m in measures],
        "model": model,
        "name": name,
        "sortedColumn": None,
        "formulaId": pivot_id,
        "columns": [{"fieldName": f} for f in columns],
        "rows": [{"fieldName": f} for f in rows],
    }


RETENTION = "account.mgmt.retention.report"
RENEWAL = "account.mgmt.renewal.report"
RETENTION_MEASURES = [
    "prior_revenue_converted",
    "retained_revenue_converted",
    "expansion_converted",
    "contraction_converted",
    "churned_revenue_converted",
    "cohort_count",
    "churned_count",
]
RENEWAL_MEASURES = ["ended_count", "renewed_count", "days_to_renew"]
CUSTOMER_ACCOUNTS = [["is_customer_account", "=", True]]

PIVOTS = {
    "1": pivot("1", "Retention - last 12 months", RETENTION, RETENTION_MEASURES),
    "2": pivot(
        "2",
        "Retention - prior 12 months",
        RETENTION,
        RETENTION_MEASURES,
        context=PRIOR_YEAR,
    ),
    "3": pivot(
        "3",
        "Renewals - last 12 months",
        RENEWAL,
        RENEWAL_MEASURES,
        domain=[["period", "=", "current"]],
    ),
    "4": pivot(
        "4",
        "Renewals - prior 12 months",
        RENEWAL,
        RENEWAL_MEASURES,
        domain=[["period", "=", "prior"]],
    ),
    "5": pivot(
        "5",
        "Health by tier",
        "res.partner",
        ["__count"],
        domain=[
            *CUSTOMER_ACCOUNTS,
            ["tier_id", "!=", False],
            ["health_band", "!=", False],
        ],
        rows=["tier_id"],
        columns=["health_band"],
        company=None,
    ),
    "6": pivot(
        "6",
        "Cadence per manager",
        "account.mgmt.touchpoint.report",
        ["touch_count", "required_count"],
        domain=[["manager_id", "!=", False]],
        rows=["manager_id"],
        manager="manager_id",
        date="date",
    ),
    "7": pivot(
        "7",
        "Churn reasons",
        RENEWAL,
        ["churned_count"],
        domain=[["period", "=", "current"], ["state", "=", "churned"]],
        rows=["churn_reason_id"],
    ),
    "8": pivot(
        "8",
        "Revenue in the period",
        "account.mgmt.revenue.report",
        ["amount_converted"],
        date="date",
    ),
}

LISTS = {
    "1": {
        "columns": [
            "complete_name",
            "tier_id",
            "health_score",
            "health_weakest_component",
            "account_manager_id",
        ],
        "domain": [*CUSTOMER_ACCOUNTS, ["health_band", "in", ["at_risk", "critical"]]],
        "model": "res.partner",
        "context": {},
        "orderBy": [{"name": "health_score", "asc": True}],
        "id": "1",
        "name": "Accounts at risk",
        "fieldMatching": matching(company=None),
    },
    "2": {
        "columns": ["partner_id", "end_date", "value", "account_manager_id"],
        "domain": [["period", "=", "upcoming"]],
        "model": RENEWAL,
        "context": {},
        "orderBy": [{"name": "end_date", "asc": True}],
        "id": "2",
        "name": "Upcoming renewals",
        "fieldMatching": matching(),
    },
}

STYLES = {
    "1": {"bold": True, "fontSize": 18, "textColor": "#01666b"},
    "2": {"textColor": "#6b7280", "fontSize": 10},
    "3": {"bold": True, "fontSize": 13, "textColor": "#01666b"},
    "4": {"bold": True, "textColor": "#434343", "align": "center"},
    "5": {"textColor": "#434343"},
    "6": {"bold": True, "fontSize": 14, "align": "center", "textColor": "#111827"},
    "7": {"fontSize": 12, "align": "center", "textColor": "#6b7280"},
    "8": {"bold": True, "textColor": "#434343"},
}
FORMATS = {"1": "0.0%", "2": "#,##0", "3": "0.0", "4": "m/d/yyyy"}
BORDERS = {"1": {"bottom": {"style": "thin", "color": "#CCCCCC"}}}

KPI_ROWS = [
    # label, live formula for the last 12 months (X = pivot of the period), format
    (
        "Net revenue retention",
        '=IFERROR(PIVOT.VALUE({r},"retained_revenue_converted")'
        '/PIVOT.VALUE({r},"prior_revenue_converted"),"-")',
        "1",
    ),
    (
        "Gross revenue retention",
        '=IFERROR((PIVOT.VALUE({r},"prior_revenue_converted")'
        '-PIVOT.VALUE({r},"contraction_converted")'
        '-PIVOT.VALUE({r},"churned_revenue_converted"))'
        '/PIVOT.VALUE({r},"prior_revenue_converted"),"-")',
        "1",
    ),
    (
        "Logo churn",
        '=IFERROR(PIVOT.VALUE({r},"churned_count")'
        '/PIVOT.VALUE({r},"cohort_count"),"-")',
        "1",
    ),
    ("Expansion revenue", '=PIVOT.VALUE({r},"expansion_converted")', "2"),
    (
        "Renewal rate",
        '=IFERROR(PIVOT.VALUE({n},"renewed_count")/PIVOT.VALUE({n},"ended_count"),"-")',
        "1",
    ),
    (
        "Time to renew (days before the end)",
        '=IF(PIVOT.VALUE({n},"renewed_count")>0,PIVOT.VALUE({n},"days_to_renew"),"-")',
        "3",
    ),
]

# Sample figures: those of the demo database, so the sample looks like real use.
SAMPLE_KPIS = [
    (0.8421, 1.0556),
    (0.7368, 0.9815),
    (0.25, 0.0),
    (6000, 4000),
    (0.6667, 1.0),
    (7.5, 30.0),
]
SAMPLE_REVENUE = "42000"
SAMPLE_HEALTH = [
    ("Tier", "Healthy", "At risk", "Critical"),
    ("Strategic", "2", "1", "0"),
    ("Key", "3", "1", "1"),
    ("Standard", "5", "2", "1"),
]
SAMPLE_AT_RISK = [
    ("Ready Mat", "Standard", "31.0", "Engagement", "Mitchell Admin"),
    ("Gemini Furniture", "Key", "48.5", "Payment", "Marc Demo"),
]
SAMPLE_RENEWALS = [("Lumber Inc", "Feb 2", "15,000", "Mitchell Admin")]
SAMPLE_CADENCE = [
    ("Mitchell Admin", "14", "18.0", "0.78"),
    ("Marc Demo", "9", "8.0", "1.125"),
]
SAMPLE_CHURN = [("Reason", "Accounts"), ("Price", "1")]
LIST_ROWS = 8
GROUP_ROWS = 5
MANAGER_ROWS = 6


class Grid:
    """Cells, styles, formats and borders of one sheet, filled by reference."""

    def __init__(self, sample):
        self.sample = sample
        self.cells, self.styles, self.formats, self.borders = {}, {}, {}, {}

    def put(self, ref, content, style=None, fmt=None):
        self.cells[ref] = content
        if style:
            self.styles[ref] = int(style)
        if fmt:
            self.formats[ref] = int(fmt)

    def section(self, row, col_from, col_to, title):
        self.put(f"{col_from}{row}", title, "3")
        self.borders[f"{col_from}{row}:{col_to}{row}"] = 1

    def rows(self, first_row, letters, rows, style="5", formats=None):
        """Write fixed ``rows`` of values from ``first_row`` on (sample only)."""
        formats = formats or {}
        for row, values in enumerate(rows, start=first_row):
            for letter, value in zip(letters, values, strict=True):
                self.put(f"{letter}{row}", value, style, formats.get(letter))


def kpi_block(grid):
    """Retention and renewals, the last 12 months against the prior 12."""
    grid.section(4, "A", "C", "Retention and renewals")
    grid.put("B5", "Last 12 months", "4")
    grid.put("C5", "Prior 12 months", "4")
    for index, (label, formula, fmt) in enumerate(KPI_ROWS):
        row = 6 + index
        grid.put(f"A{row}", label, "5")
        if grid.sample:
            current, prior = SAMPLE_KPIS[index]
            grid.put(f"B{row}", str(current), "6", fmt)
            grid.put(f"C{row}", str(prior), "7", fmt)
        else:
            grid.put(f"B{row}", formula.format(r=1, n=3), "6", fmt)
            grid.put(f"C{row}", formula.format(r=2, n=4), "7", fmt)
    grid.put("A13", "Revenue in the selected period", "5")
    revenue = SAMPLE_REVENUE if grid.sample else '=PIVOT.VALUE(8,"amount_converted")'
    grid.put("B13", revenue, "6", "2")


def grouped_block(grid, top_left, pivot_id, row_field, columns, sample_rows):
    """One line per group of a pivot, its first ``GROUP_ROWS`` groups.

    :param top_left: cell of the first header, e.g. "E5"
    :param columns: (header, measure, column filter) per value column; the
        column filter is () or a (field, value) pair of the pivot's columns
    """
    letter, row = top_left[0], int(top_left[1:])
    letters = "".join(chr(ord(letter) + i) for i in range(len(columns) + 1))
    if grid.sample:
        grid.rows(row, letters, sample_rows[:1], "8")
        grid.rows(row + 1, letters, sample_rows[1:], "7")
        return
    grid.put(top_left, sample_rows[0][0], "8")
    for col, (header, _measure, _column) in zip(letters[1:], columns, strict=True):
        grid.put(f"{col}{row}", header, "4")
    for line in range(1, GROUP_ROWS + 1):
        ref = f"{letter}{row + line}"
        grid.put(ref, f'=PIVOT.HEADER({pivot_id},"#{row_field}",{line})', "5")
        for col, (_header, measure, column) in zip(letters[1:], columns, strict=True):
            args = f'"#{row_field}",{line}'
            if column:
                args += f',"{column[0]}","{column[1]}"'
            grid.put(
                f"{col}{row + line}",
                f'=IF({ref}="","",PIVOT.VALUE({pivot_id},"{measure}",{args}))',
                "7",
            )


def list_block(grid, list_id, letters, headers, sample_rows):
    """The first LIST_ROWS records of a list data source, with headers on row 17."""
    fields = LISTS[list_id]["columns"]
    for letter, field, header in zip(letters, fields, headers, strict=True):
        if grid.sample:
            grid.put(f"{letter}17", header, "8")
            continue
        grid.put(
            f"{letter}17", f'=ODOO.LIST.HEADER({list_id},"{field}","{header}")', "8"
        )
        for line in range(1, LIST_ROWS + 1):
            grid.put(
                f"{letter}{17 + line}", f'=ODOO.LIST({list_id},{line},"{field}")', "5"
            )
    if grid.sample:
        grid.rows(18, letters, sample_rows)


def cadence_block(grid):
    """Touchpoints done against required per manager, over the selected period."""
    grid.section(28, "A", "D", "Cadence compliance in the selected period")
    headers = ("Account manager", "Touchpoints done", "Required", "Compliance")
    grid.rows(29, "ABCD", [headers], "8")
    if grid.sample:
        grid.rows(30, "ABCD", SAMPLE_CADENCE, "5", {"C": "3", "D": "1"})
        return
    for line in range(1, MANAGER_ROWS + 1):
        row = 29 + line
        grid.put(f"A{row}", f'=PIVOT.HEADER(6,"#manager_id",{line})', "5")
        grid.put(f"B{row}", f'=PIVOT.VALUE(6,"touch_count","#manager_id",{line})', "7")
        grid.put(
            f"C{row}",
            f'=PIVOT.VALUE(6,"required_count","#manager_id",{line})',
            "7",
            "3",
        )
        grid.put(f"D{row}", f'=IF(A{row}="","",IFERROR(B{row}/C{row},""))', "6", "1")


def build(sample=False):
    grid = Grid(sample)
    grid.put("A1", "Account Management", "1")
    grid.put(
        "A2",
        "Retention and renewals compare the last 12 months with the 12 before; "
        "amounts in the company currency.",
        "2",
    )
    kpi_block(grid)
    grid.section(4, "G", "J", "Health by tier")
    grouped_block(
        grid,
        "G5",
        5,
        "tier_id",
        [
            ("Healthy", "__count", ("health_band", "healthy")),
            ("At risk", "__count", ("health_band", "at_risk")),
            ("Critical", "__count", ("health_band", "critical")),
        ],
        SAMPLE_HEALTH,
    )
    grid.section(16, "A", "E", "Accounts at risk")
    list_block(
        grid,
        "1",
        "ABCDE",
        ("Account", "Tier", "Health", "Weakest component", "Manager"),
        SAMPLE_AT_RISK,
    )
    grid.section(16, "G", "J", "Renewals in the next 120 days")
    list_block(
        grid,
        "2",
        "GHIJ",
        ("Account", "Contract end", "Value", "Manager"),
        SAMPLE_RENEWALS,
    )
    cadence_block(grid)
    grid.section(28, "G", "J", "Churn reasons, last 12 months")
    grouped_block(
        grid,
        "G29",
        7,
        "churn_reason_id",
        [("Accounts", "churned_count", ())],
        SAMPLE_CHURN,
    )
    cells, styles, formats, borders = (
        grid.cells,
        grid.styles,
        grid.formats,
        grid.borders,
    )

    sheet = {
        "id": "account_mgmt_dashboard",
        "name": "Dashboard",
        "colNumber": 10,
        "rowNumber": 40,
        "rows": {
            "0": {"size": 40},
            "3": {"size": 36},
            "15": {"size": 36},
            "27": {"size": 36},
        },
        "cols": {
            "0": {"size": 230},
            "1": {"size": 125},
            "2": {"size": 110},
            "3": {"size": 140},
            "4": {"size": 140},
            "5": {"size": 40},
            "6": {"size": 150},
            "7": {"size": 115},
            "8": {"size": 110},
            "9": {"size": 115},
        },
        "merges": ["A2:J2"],
        "cells": cells,
        "styles": styles,
        "formats": formats,
        "borders": borders,
        "conditionalFormats": [],
        "dataValidationRules": [],
        "figures": [],
        "tables": [],
        "areGridLinesVisible": False,
        "isVisible": True,
        "headerGroups": {"ROW": [], "COL": []},
        "comments": {},
    }
    return {
        "version": VERSION,
        "sheets": [sheet],
        "styles": STYLES,
        "formats": FORMATS,
        "borders": BORDERS,
        "revisionId": "START_REVISION",
        "uniqueFigureIds": True,
        "settings": {
            "locale": {
                "name": "English (US)",
                "code": "en_US",
                "thousandsSeparator": ",",
                "decimalSeparator": ".",
                "dateFormat": "mm/dd/yyyy",
                "timeFormat": "hh:mm:ss",
                "formulaArgSeparator": ",",
                "weekStart": 7,
            }
        },
        "pivots": {} if sample else PIVOTS,
        "pivotNextId": len(PIVOTS) + 1,
        "customTableStyles": {},
        "globalFilters": [] if sample else GLOBAL_FILTERS,
        "lists": {} if sample else LISTS,
        "listNextId": len(LISTS) + 1,
        "chartOdooMenusReferences": {},
    }


def main():
    for name, sample in (
        ("account_mgmt_dashboard.json", False),
        ("account_mgmt_sample_dashboard.json", True),
    ):
        with open(FILES / name, "w", encoding="utf-8") as file:
            json.dump(build(sample), file, indent=2, ensure_ascii=False)
            file.write("\n")


if __name__ == "__main__":
    main()
