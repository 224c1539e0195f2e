# shellcheck shell=bash
# Shared environment for the project's scripts: the Odoo source, the virtual
# environment and PostgreSQL. Sourced, never run; every function is idempotent.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE="$ROOT/.cache"
VENV="$ROOT/.venv"
ODOO_BRANCH=19.0
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
# Addons of this repository (account_mgmt and its bridge modules).
PROJECT_ADDONS="$ROOT"

log() { printf '[account_mgmt] %s\n' "$*" >&2; }
die() { printf '[account_mgmt] error: %s\n' "$*" >&2; exit 1; }

# Odoo source: $ODOO_PATH, else /opt/odoo, else a shallow clone into .cache/.
find_odoo() {
    local candidate
    for candidate in "${ODOO_PATH:-}" /opt/odoo "$CACHE/odoo"; do
        if [[ -n $candidate && -f $candidate/odoo-bin ]]; then
            ODOO_PATH=$candidate
            export ODOO_PATH
            return
        fi
    done
    log "no Odoo source in \$ODOO_PATH or /opt/odoo; trying a shallow clone of Odoo $ODOO_BRANCH"
    mkdir -p "$CACHE"
    if git clone --quiet --depth 1 --branch "$ODOO_BRANCH" \
        https://github.com/odoo/odoo.git "$CACHE/odoo.partial" 2>/dev/null; then
        mv "$CACHE/odoo.partial" "$CACHE/odoo"
        ODOO_PATH="$CACHE/odoo"
        export ODOO_PATH
        return
    fi
    rm -rf "$CACHE/odoo.partial"
    die "Odoo $ODOO_BRANCH source not found. Set ODOO_PATH to a checkout, put one at /opt/odoo, or give this machine internet access so that it can be cloned into $CACHE/odoo."
}

# Python 3.11 fixes to Odoo's requirements: cbor2 5.4.2 does not build with
# current setuptools, and python-ldap (auth_ldap only) needs LDAP headers.
odoo_requirements() {
    sed -e "s/^cbor2==5\.4\.2.*/cbor2==5.6.2/" -e "/^python-ldap/d" "$ODOO_PATH/requirements.txt"
}

# Virtual environment with Odoo's requirements and the project's dev tools.
# A stamp holding the hash of both requirement lists makes a second run a no-op.
ensure_venv() {
    local stamp="$VENV/.account_mgmt-stamp" wanted
    wanted=$( { odoo_requirements; cat "$ROOT/requirements-dev.txt"; } | sha1sum | cut -c1-40)
    if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
        return
    fi
    log "installing the virtual environment in $VENV (about a minute)"
    [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --upgrade pip wheel 2>&1 | { grep -v "is ignored: it is neither" || true; } >&2
    odoo_requirements > "$VENV/odoo-requirements.txt"
    "$VENV/bin/pip" install --quiet -r "$VENV/odoo-requirements.txt" -r "$ROOT/requirements-dev.txt" 2>&1 \
        | { grep -v "is ignored: it is neither" || true; } >&2
    # Odoo itself is not installed into the venv: odoo-bin is run from $ODOO_PATH.
    echo "$wanted" > "$stamp"
}

# Odoo addons from PyPI wheels (OCA's helpdesk_mgmt), with their own stamp.
ensure_addon_wheels() {
    local list="$ROOT/requirements-addons.txt" stamp="$VENV/.account_mgmt-addons-stamp" wanted
    [[ -f $list ]] || return 0
    wanted=$(sha1sum < "$list" | cut -c1-40)
    if [[ -f $stamp && $(cat "$stamp") == "$wanted" ]]; then
        return
    fi
    log "installing the Odoo addons of $(basename "$list")"
    "$VENV/bin/pip" install --quiet --no-deps -r "$list" 2>&1 \
        | { grep -v "is ignored: it is neither" || true; } >&2
    echo "$wanted" > "$stamp"
}

# Addons path: Odoo's own addons, this repository, and any addons that wheels
# installed into the venv (OCA modules install under site-packages/odoo/addons).
addons_path() {
    local site
    site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    local path="$ODOO_PATH/odoo/addons,$ODOO_PATH/addons,$PROJECT_ADDONS"
    [[ -d $site/odoo/addons ]] && path="$path,$site/odoo/addons"
    echo "$path"
}

# PostgreSQL: the server named by PG* variables when one answers, else a
# private cluster in .cache/pg (or /tmp when the postgres user cannot reach
# the checkout, or the socket path would be too long).
PG_PRIVATE=0
pg_private_dir() {
    local dir="$CACHE/pg"
    if (( ${#dir} > 80 )) || { [[ $(id -u) == 0 ]] && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; }; then
        dir="/tmp/account_mgmt-pg-$(echo "$ROOT" | sha1sum | cut -c1-10)"
    fi
    echo "$dir"
}

as_pg_owner() {
    if [[ $(id -u) == 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

ensure_pg() {
    if [[ -n ${PGHOST:-}${PGPORT:-}${PGUSER:-} ]] && psql -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
        log "using the PostgreSQL server named by PG* variables (${PGHOST:-local socket}:${PGPORT:-5432})"
        PG_PRIVATE=0
        return
    fi
    [[ -x $PG_BIN/pg_ctl ]] || die "no PostgreSQL server answers the PG* variables and $PG_BIN/pg_ctl is missing: install Debian's postgresql-15 package or set PGHOST/PGPORT/PGUSER to a running server."
    PG_DIR=$(pg_private_dir)
    PG_PRIVATE=1
    if [[ ! -f $PG_DIR/data/PG_VERSION ]]; then
        log "creating a private PostgreSQL cluster in $PG_DIR"
        mkdir -p "$PG_DIR"
        [[ $(id -u) == 0 ]] && chown postgres: "$PG_DIR"
        as_pg_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U odoo >"$PG_DIR/initdb.log" 2>&1 \
            || die "initdb failed; see $PG_DIR/initdb.log"
    fi
    export PGHOST="$PG_DIR" PGUSER=odoo PGPORT=5432
    if ! as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
            -o "-k $PG_DIR -c listen_addresses='' -c fsync=off -c full_page_writes=off" start >/dev/null \
            || die "PostgreSQL did not start; see $PG_DIR/server.log"
        PG_STARTED_HERE=1
    fi
}

# Stop the private cluster, but only when this script started it.
stop_pg() {
    if [[ $PG_PRIVATE == 1 && ${PG_STARTED_HERE:-0} == 1 ]]; then
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
        log "private PostgreSQL stopped"
    fi
}

db_exists() {
    [[ $(psql -d postgres -Atqc "select 1 from pg_database where datname = '$1'") == 1 ]]
}

# Databases this project creates carry this comment, so that cleanup never
# touches a database it did not create.
DB_MARK='created by account_mgmt scripts'
mark_db() { psql -d postgres -qc "comment on database \"$1\" is '$DB_MARK'" >/dev/null; }
drop_own_db() {
    local comment
    comment=$(psql -d postgres -Atqc "select shobj_description(oid, 'pg_database') from pg_database where datname = '$1'")
    if [[ $comment == "$DB_MARK" ]]; then
        dropdb --if-exists "$1"
        rm -rf "$CACHE/data/filestore/$1"
    fi
}

odoo_bin() {
    "$VENV/bin/python" "$ODOO_PATH/odoo-bin" --addons-path="$(addons_path)" \
        --db_host="$PGHOST" --db_port="${PGPORT:-5432}" --db_user="${PGUSER:-odoo}" \
        --data-dir="$CACHE/data" "$@"
}

# Chromium for Odoo's browser tours (HttpCase.start_tour). Odoo finds the
# binary itself; Debian's package is installed when missing and apt-get can
# run, otherwise the tours are skipped with a warning.
ensure_chromium() {
    local name
    for name in chromium chromium-browser google-chrome; do
        command -v "$name" >/dev/null && return
    done
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        log "installing Debian's chromium package for the browser tours"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >&2 \
            || log "warning: installing chromium failed; browser tours will be skipped"
    else
        log "warning: no Chromium found; install Debian's chromium package to run the browser tours"
    fi
}

bootstrap() {
    find_odoo
    ensure_venv
    ensure_addon_wheels
    ensure_pg
}

# The project's installable modules, comma-separated: account_mgmt, plus each
# bridge module whose dependencies are all available on the addons path.
project_modules() {
    "$VENV/bin/python" - "$(addons_path)" "$ROOT" <<'PY'
import ast, os, sys
paths, root = sys.argv[1].split(","), sys.argv[2]
def available(name):
    return any(os.path.isfile(os.path.join(p, name, "__manifest__.py")) for p in paths)
modules = ["account_mgmt"]
for entry in sorted(os.listdir(root)):
    manifest = os.path.join(root, entry, "__manifest__.py")
    if entry == "account_mgmt" or not os.path.isfile(manifest):
        continue
    with open(manifest) as f:
        data = ast.literal_eval(f.read())
    if data.get("installable", True) and all(available(d) for d in data.get("depends", [])):
        modules.append(entry)
print(",".join(modules))
PY
}

# Dependencies of the project's modules, outside this repository, comma-separated.
external_dependencies() {
    "$VENV/bin/python" - "$ROOT" "$1" <<'PY'
import ast, os, sys
root, modules = sys.argv[1], sys.argv[2].split(",")
deps = set()
for module in modules:
    with open(os.path.join(root, module, "__manifest__.py")) as f:
        deps.update(ast.literal_eval(f.read()).get("depends", []))
print(",".join(sorted(deps - set(modules))))
PY
}

# A database with the external dependencies and their demo data installed,
# kept between runs and named after what it holds, for TEST_TEMPLATE=1.
ensure_base_template() {
    local deps name
    deps=$(external_dependencies "${1:-$(project_modules)}")
    name="account_mgmt_base_$(echo "$ODOO_PATH $deps" | sha1sum | cut -c1-8)"
    if ! db_exists "$name"; then
        log "creating the cached base database $name with $deps"
        createdb "$name"
        mark_db "$name"
        odoo_bin -d "$name" -i "$deps" --with-demo --stop-after-init --max-cron-threads=0 \
            --log-level=warn --http-interface=127.0.0.1 >&2 || { drop_own_db "$name"; die "installing $deps failed"; }
    fi
    echo "$name"
}
