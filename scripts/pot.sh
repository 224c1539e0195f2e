#!/usr/bin/env bash
# Export the translation templates (i18n/<module>.pot) of the project's modules
# from a throw-away database where they are installed without demo data.
source "$(dirname "$0")/lib.sh"

bootstrap
trap stop_pg EXIT
db=account_mgmt_pot
drop_own_db "$db" 2>/dev/null || true
db_exists "$db" && die "database $db exists and was not created by these scripts"
modules=$(project_modules)
template=$(ensure_base_template "$modules")
createdb -T "$template" "$db"
mark_db "$db"
mkdir -p "$CACHE/data/filestore"
[[ -d $CACHE/data/filestore/$template ]] && cp -a "$CACHE/data/filestore/$template" "$CACHE/data/filestore/$db"
odoo_bin -d "$db" -i "$modules" --stop-after-init --max-cron-threads=0 --log-level=warn \
    --http-interface=127.0.0.1
# Odoo 19's i18n command reads the connection from a configuration file only.
cat > "$CACHE/i18n.conf" <<CONF
[options]
addons_path = $(addons_path)
db_host = $PGHOST
db_port = ${PGPORT:-5432}
db_user = ${PGUSER:-odoo}
data_dir = $CACHE/data
CONF
"$VENV/bin/python" "$ODOO_PATH/odoo-bin" i18n export -c "$CACHE/i18n.conf" -d "$db" ${modules//,/ }
drop_own_db "$db"
log "translation templates written to */i18n/*.pot"
