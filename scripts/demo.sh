#!/usr/bin/env bash
# Serve Odoo with account_mgmt on a demo database (Odoo's demo data for crm,
# sale_management and account plus the module's own), on 127.0.0.1.
#
# Environment: ODOO_PORT (default 8069), DEMO_DB (default account_mgmt_demo),
# DEMO_UPDATE=1 updates the project's modules before serving.
source "$(dirname "$0")/lib.sh"

bootstrap

modules=$(project_modules)
db=${DEMO_DB:-account_mgmt_demo}
port=${ODOO_PORT:-8069}

installed() {
    [[ $(psql -d "$db" -Atqc "select state from ir_module_module where name = 'account_mgmt'" 2>/dev/null) == installed ]]
}

cleanup() {
    trap - INT TERM EXIT
    if [[ -n ${odoo_pid:-} ]]; then
        kill -INT "$odoo_pid" 2>/dev/null && wait "$odoo_pid" 2>/dev/null || true
    fi
    stop_pg
}
trap cleanup INT TERM EXIT

if ! db_exists "$db"; then
    createdb "$db"
    mark_db "$db"
fi
if ! installed; then
    log "installing $modules with demo data into $db (a few minutes on a cold start)"
    odoo_bin -d "$db" -i "$modules" --with-demo --stop-after-init --max-cron-threads=0 \
        --log-level=warn --http-interface=127.0.0.1 --http-port="$port"
    # Odoo's update-notification cron contacts Odoo's servers: a local demo has no business doing that.
    psql -d "$db" -qc "update ir_cron set active = false where id in (
        select res_id from ir_model_data where module = 'mail' and name = 'ir_cron_module_update_notification')"
elif [[ ${DEMO_UPDATE:-0} == 1 ]]; then
    odoo_bin -d "$db" -u "$modules" --stop-after-init --max-cron-threads=0 --log-level=warn \
        --http-interface=127.0.0.1 --http-port="$port"
fi

log "Odoo is starting on http://127.0.0.1:$port/odoo (Ctrl-C stops it)"
log "logins: admin / admin (manager), demo / demo (account manager)"
odoo_bin -d "$db" --db-filter="^${db}\$" --http-interface=127.0.0.1 --http-port="$port" \
    --gevent-port=$((port + 3)) --log-level=info &
odoo_pid=$!
wait "$odoo_pid"
