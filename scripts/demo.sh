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

# A local demo must not call Odoo's online services: switch off the scheduled
# actions that do, and point every service address Odoo 19.0 reads from its
# parameters (in-app purchases, SMS, snailmail, lead enrichment, partner
# autocomplete, the editor's media library and text generation) at a closed
# port on loopback.
keep_demo_offline() {
    psql -d "$1" -q <<'SQL'
update ir_cron set active = false where id in (
    select res_id from ir_model_data
     where model = 'ir.cron'
       and (module, name) in (('mail', 'ir_cron_module_update_notification'),
                              ('crm_iap_enrich', 'ir_cron_lead_enrichment')));
insert into ir_config_parameter (key, value)
select key, 'http://127.0.0.1:9'
  from unnest(array['iap.endpoint', 'sms.endpoint', 'snailmail.endpoint',
                    'enrich.endpoint', 'reveal.endpoint',
                    'iap.partner_autocomplete.endpoint',
                    'html_editor.media_library_endpoint',
                    'html_editor.olg_api_endpoint']) as key
    on conflict (key) do update set value = excluded.value;
SQL
}

installed() {
    [[ $(psql -d "$db" -Atqc "select state from ir_module_module where name = 'account_mgmt'" 2>/dev/null) == installed ]]
}

# Odoo runs in the foreground: Ctrl-C reaches it, it shuts down cleanly, and
# the EXIT trap then stops the private PostgreSQL.
trap stop_pg EXIT

if ! db_exists "$db"; then
    createdb "$db"
    mark_db "$db"
fi
if ! installed; then
    log "installing $modules with demo data into $db (a few minutes on a cold start)"
    odoo_bin -d "$db" -i "$modules" --with-demo --stop-after-init --max-cron-threads=0 \
        --log-level=warn --http-interface=127.0.0.1 --http-port="$port"
elif [[ ${DEMO_UPDATE:-0} == 1 ]]; then
    odoo_bin -d "$db" -u "$modules" --stop-after-init --max-cron-threads=0 --log-level=warn \
        --http-interface=127.0.0.1 --http-port="$port"
fi

keep_demo_offline "$db"

log "Odoo is starting on http://127.0.0.1:$port/odoo (Ctrl-C stops it)"
log "logins: admin / admin (manager), demo / demo (account manager)"
odoo_bin -d "$db" --db-filter="^${db}\$" --http-interface=127.0.0.1 --http-port="$port" \
    --gevent-port=$((port + 3)) --log-level=info || true
