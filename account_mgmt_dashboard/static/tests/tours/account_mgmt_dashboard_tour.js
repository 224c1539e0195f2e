import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// Figures of the demo database (account_mgmt demo invoices and renewals), as
// formatted by the dashboard; test_dashboard_tour.py checks the same figures
// against the reporting models.
const EXPECTED_CELLS = {
    // Last 12 months
    B6: "84.2%", // net revenue retention
    B7: "73.7%", // gross revenue retention
    B8: "25.0%", // logo churn
    B9: "6,000", // expansion revenue
    B10: "66.7%", // renewal rate
    B11: "7.5", // time to renew, days before the contract end
    // Prior 12 months
    C6: "105.6%",
    C7: "98.1%",
    C8: "0.0%",
    C9: "4,000",
    C10: "100.0%",
    C11: "30.0",
};
const LOAD_TIMEOUT_MS = 20000;

function activeDashboardModel() {
    const services = odoo.__WOWL_DEBUG__.root.env.services;
    return services.spreadsheet_dashboard_loader.getActiveDashboard().model;
}

function toPosition(reference) {
    const match = /^([A-Z])(\d+)$/.exec(reference);
    return { col: match[1].charCodeAt(0) - 65, row: Number(match[2]) - 1 };
}

/**
 * Wait until every data source of the dashboard is evaluated, then check the
 * KPI cells against the demo figures and that no cell shows an error.
 */
async function checkDashboardCells() {
    const model = activeDashboardModel();
    const sheetId = model.getters.getActiveSheetId();
    const cellText = (reference) =>
        model.getters.getEvaluatedCell({ sheetId, ...toPosition(reference) })
            .formattedValue;
    const deadline = Date.now() + LOAD_TIMEOUT_MS;
    while (Object.keys(EXPECTED_CELLS).some((ref) => cellText(ref) === "Loading...")) {
        if (Date.now() > deadline) {
            throw new Error("The dashboard figures did not load in time.");
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const wrong = Object.entries(EXPECTED_CELLS)
        .filter(([ref, expected]) => cellText(ref) !== expected)
        .map(([ref, expected]) => `${ref}: "${cellText(ref)}" instead of "${expected}"`);
    const errors = [];
    for (const [position, cell] of Object.entries(model.getters.getEvaluatedCells(sheetId))) {
        if (cell.type === "error") {
            errors.push(`${position}: ${cell.message || cell.value}`);
        }
    }
    if (wrong.length || errors.length) {
        throw new Error(
            `Dashboard cells are wrong: ${wrong.join("; ")} Errors: ${errors.join("; ")}`
        );
    }
}

registry.category("web_tour.tours").add("account_mgmt_dashboard_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Dashboards app",
            trigger: ".o_app[data-menu-xmlid='spreadsheet_dashboard.spreadsheet_dashboard_menu_root']",
            run: "click",
        },
        {
            content: "Open the Account Management dashboard",
            trigger: ".o_search_panel li[data-name='Account Management']",
            run: "click",
        },
        {
            content: "The KPI cells show the demo figures",
            trigger: ".o_search_panel li.active[data-name='Account Management']",
        },
        {
            trigger: ".o_spreadsheet_dashboard_action .o-grid",
            run: checkDashboardCells,
        },
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Account Management",
            trigger: ".o_app[data-menu-xmlid='account_mgmt.account_mgmt_menu_root']",
            run: "click",
        },
        {
            content: "Open the Accounts list",
            trigger: ".o_menu_sections [data-menu-xmlid='account_mgmt.account_mgmt_menu_accounts']",
            run: "click",
        },
        {
            content: "Open Ready Mat, a churned account with a plan",
            trigger: ".o_list_view .o_data_row td[name='complete_name']:contains('Ready Mat')",
            run: "click",
        },
        {
            content: "The 360 view shows the account figures",
            trigger: ".o_form_view button[name='action_view_account_invoices']:contains('Invoiced 12 Months')",
        },
        {
            trigger: ".o_form_view div[name='account_summary'] .o_field_widget[name='health_band']",
        },
        {
            content: "Open the Plans tab of the account",
            trigger: ".o_form_view .o_notebook a.nav-link:contains('Plans')",
            run: "click",
        },
        {
            content: "Open the account's plan",
            trigger: ".o_form_view div[name='account_plan_ids'] .o_data_row td:contains('Ready Mat')",
            run: "click",
        },
        {
            content: "The plan of Ready Mat is open",
            trigger: ".modal .o_field_widget[name='business_overview']:contains('floor mats')",
        },
    ],
});
