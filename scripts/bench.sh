#!/usr/bin/env bash
# Benchmark account_mgmt's batch jobs on a throw-away database: see
# benchmarks/account_mgmt_bench.py. BENCH_SIZES (default 100,400,1600)
# sets the book sizes. Results go to standard output.
source "$(dirname "$0")/lib.sh"

bootstrap
trap stop_pg EXIT
db=account_mgmt_bench
drop_own_db "$db" 2>/dev/null || true
db_exists "$db" && die "database $db exists and was not created by these scripts"
template=$(ensure_base_template account_mgmt)
createdb -T "$template" "$db"
mark_db "$db"
mkdir -p "$CACHE/data/filestore"
[[ -d $CACHE/data/filestore/$template ]] && cp -a "$CACHE/data/filestore/$template" "$CACHE/data/filestore/$db"
log "installing account_mgmt into $db"
odoo_bin -d "$db" -i account_mgmt --with-demo --stop-after-init --max-cron-threads=0 \
    --log-level=warn --http-interface=127.0.0.1
log "running the benchmark (machine: $(nproc) cores)"
odoo_bin shell -d "$db" --no-http --log-level=warn < "$ROOT/benchmarks/account_mgmt_bench.py"
drop_own_db "$db"
