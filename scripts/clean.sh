#!/usr/bin/env bash
# Drop the databases these scripts created (and only those), stop and remove the
# private PostgreSQL cluster, and remove the venv and caches.
source "$(dirname "$0")/lib.sh"

find_odoo
if [[ -x $VENV/bin/python ]]; then
    ensure_pg
    mapfile -t databases < <(psql -d postgres -Atqc \
        "select datname from pg_database where shobj_description(oid, 'pg_database') = '$DB_MARK'")
    for db in "${databases[@]}"; do
        log "dropping database $db"
        drop_own_db "$db"
    done
    if [[ $PG_PRIVATE == 1 ]]; then
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_DIR"
    fi
fi
rm -rf "$VENV" "$CACHE" "$ROOT/.ruff_cache"
log "clean"
