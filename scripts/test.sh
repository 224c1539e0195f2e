#!/usr/bin/env bash
# Run the test suites of the project's modules with Odoo's own test runner
# (--test-enable) on fresh databases, then print "N passed, M failed".
#
# Two runs: account_mgmt alone (its tests must pass without any helpdesk),
# then every project module that can be installed here, for the bridge
# modules' tests.
#
# Environment: TEST_DB (database name prefix, default account_mgmt_test),
# TEST_TAGS (Odoo --test-tags for a single run on all modules), KEEP_DB=1
# keeps the databases afterwards for inspection, TEST_TEMPLATE=1 starts from a
# cached database with the dependencies installed (faster, for development).
source "$(dirname "$0")/lib.sh"

bootstrap
ensure_chromium
trap stop_pg EXIT

all_modules=$(project_modules)
prefix=${TEST_DB:-account_mgmt_test}
mkdir -p "$CACHE" "$CACHE/data/filestore"
total_passed=0 total_failed=0 total_skipped=0 total_stray=0 total_run=0

# Run the tests tagged $3 on a new database $1 with modules $2 installed.
run_suite() {
    local db=$1 modules=$2 tags=$3 logfile="$CACHE/test-$1.log"
    if db_exists "$db"; then
        drop_own_db "$db"
        db_exists "$db" && die "database $db exists and was not created by these scripts; set TEST_DB to another prefix"
    fi
    if [[ ${TEST_TEMPLATE:-0} == 1 ]]; then
        local template
        template=$(ensure_base_template "$modules")
        createdb -T "$template" "$db"
        if [[ -d $CACHE/data/filestore/$template ]]; then
            cp -a "$CACHE/data/filestore/$template" "$CACHE/data/filestore/$db"
        fi
    else
        createdb "$db"
    fi
    mark_db "$db"

    # HttpCase tests serve on their own free port, so a demo on 8069 does not clash.
    local port
    port=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    log "installing $modules with Odoo's demo data into $db, running tests tagged $tags"
    log "full log: $logfile"
    local start=$SECONDS
    set +e
    odoo_bin -d "$db" -i "$modules" --with-demo --test-enable --test-tags "$tags" \
        --stop-after-init --http-interface=127.0.0.1 --http-port="$port" \
        --max-cron-threads=0 --log-level=test 2>&1 | tee "$logfile" \
        | grep --line-buffered -E ' (ERROR|CRITICAL) |^(FAIL|ERROR):|odoo.tests.result'
    set -e
    [[ ${KEEP_DB:-0} == 1 ]] || drop_own_db "$db"

    local summary failed errors run skipped stray
    summary=$(grep -oE '[0-9]+ failed, [0-9]+ error\(s\) of [0-9]+ tests when loading database' "$logfile" | tail -1 || true)
    if [[ -z $summary ]]; then
        log "no test summary in $logfile: the modules did not install"
        total_failed=$(( total_failed + 1 ))
        return
    fi
    read -r failed errors run < <(sed -E 's/([0-9]+) failed, ([0-9]+) error\(s\) of ([0-9]+) tests.*/\1 \2 \3/' <<<"$summary")
    skipped=$(grep -cE 'odoo\.addons\..* skipped ' "$logfile" || true)
    # An error logged outside any test (a broken view, a failed cron) fails the run too.
    stray=$(grep -E ' (ERROR|CRITICAL) ' "$logfile" | grep -vcE 'odoo\.addons\.[a-z_]+\.tests\.|odoo\.tests\.result' || true)
    if (( stray > 0 )); then
        log "$stray error line(s) logged outside the tests, see $logfile"
    fi
    log "$db: $run tests in $(( SECONDS - start ))s"
    total_run=$(( total_run + run ))
    # A failing setUpClass counts as an error of a test that never ran.
    local passed=$(( run - failed - errors - skipped ))
    total_passed=$(( total_passed + (passed > 0 ? passed : 0) ))
    total_failed=$(( total_failed + failed + errors ))
    total_skipped=$(( total_skipped + skipped ))
    total_stray=$(( total_stray + stray ))
}

if [[ -n ${TEST_TAGS:-} ]]; then
    run_suite "$prefix" "$all_modules" "$TEST_TAGS"
else
    run_suite "${prefix}_core" account_mgmt /account_mgmt
    bridges=${all_modules#account_mgmt}
    bridges=${bridges#,}
    if [[ -n $bridges ]]; then
        run_suite "${prefix}_bridges" "$all_modules" "$(sed 's/[^,]*/\/&/g' <<<"$bridges")"
    else
        log "no bridge module installable here (is helpdesk_mgmt missing?)"
    fi
fi

if (( total_skipped > 0 )); then
    echo "$total_passed passed, $total_failed failed, $total_skipped skipped"
else
    echo "$total_passed passed, $total_failed failed"
fi
(( total_failed == 0 && total_stray == 0 && total_run > 0 ))
