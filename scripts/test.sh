#!/usr/bin/env bash
# Run the whole test suite of the project's modules with Odoo's own test
# runner (--test-enable) on a fresh database, then print "N passed, M failed".
#
# Environment: TEST_DB (database name, default account_mgmt_test),
# TEST_TAGS (Odoo --test-tags, default every test of the project's modules),
# KEEP_DB=1 keeps the database afterwards for inspection, TEST_TEMPLATE=1
# starts from a cached database with the dependencies installed (faster).
source "$(dirname "$0")/lib.sh"

bootstrap
trap stop_pg EXIT

modules=$(project_modules)
db=${TEST_DB:-account_mgmt_test}
tags=${TEST_TAGS:-$(sed 's/[^,]*/\/&/g' <<<"$modules")}
logfile="$CACHE/test.log"
mkdir -p "$CACHE"

if db_exists "$db"; then
    drop_own_db "$db"
    db_exists "$db" && die "database $db exists and was not created by these scripts; set TEST_DB to another name"
fi
if [[ ${TEST_TEMPLATE:-0} == 1 ]]; then
    # Developer shortcut: copy a cached database that already has the
    # dependencies and their demo data, instead of installing them each run.
    template=$(ensure_base_template)
    createdb -T "$template" "$db"
    mkdir -p "$CACHE/data/filestore"
    if [[ -d $CACHE/data/filestore/$template ]]; then
        cp -a "$CACHE/data/filestore/$template" "$CACHE/data/filestore/$db"
    fi
else
    createdb "$db"
fi
mark_db "$db"

# HttpCase tests serve on their own port so that a running demo server on 8069 does not clash.
port=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

log "installing $modules with Odoo's demo data into $db and running tests tagged $tags"
log "full log: $logfile"
start=$(date +%s)
set +e
odoo_bin -d "$db" -i "$modules" --with-demo --test-enable --test-tags "$tags" \
    --stop-after-init --http-interface=127.0.0.1 --http-port="$port" \
    --max-cron-threads=0 --log-level=test 2>&1 | tee "$logfile" \
    | grep --line-buffered -E ' (ERROR|CRITICAL|WARNING) |^(FAIL|ERROR):|Traceback|Ran |odoo.tests.result' 
odoo_rc=${PIPESTATUS[0]}
set -e
elapsed=$(( $(date +%s) - start ))

[[ ${KEEP_DB:-0} == 1 ]] || drop_own_db "$db"

summary=$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database' "$logfile" | tail -1 || true)
if [[ -z $summary ]]; then
    log "no test summary in the log: the modules did not install (see $logfile)"
    echo "0 passed, 1 failed"
    exit 1
fi
read -r failed errors run < <(sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/' <<<"$summary")
skipped=$(grep -cE 'odoo\.addons\..* skipped ' "$logfile" || true)
passed=$(( run - failed - errors - skipped ))
bad=$(( failed + errors ))
# An error logged outside any test (a broken view, a failed cron) fails the run too.
stray=$(grep -E ' (ERROR|CRITICAL) ' "$logfile" | grep -vcE 'odoo\.addons\.[a-z_]+\.tests\.|odoo\.tests\.result' || true)

log "finished in ${elapsed}s (Odoo exit code $odoo_rc)"
if (( stray > 0 )); then
    log "$stray error line(s) logged outside the tests, see $logfile"
fi
if (( skipped > 0 )); then
    echo "$passed passed, $bad failed, $skipped skipped"
else
    echo "$passed passed, $bad failed"
fi
(( bad == 0 && stray == 0 && run > 0 ))
