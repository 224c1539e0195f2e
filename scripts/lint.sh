#!/usr/bin/env bash
# Lint the project's modules: ruff (style, imports, bugs) and pylint-odoo (OCA's checks).
source "$(dirname "$0")/lib.sh"

find_odoo
ensure_venv
cd "$ROOT"
modules=$(for manifest in */__manifest__.py; do dirname "$manifest"; done)
status=0
"$VENV/bin/ruff" check $modules || status=1
"$VENV/bin/ruff" format --check $modules || status=1
# pylint-odoo imports the modules, so Odoo must be importable.
PYTHONPATH="$ODOO_PATH${PYTHONPATH:+:$PYTHONPATH}" \
    "$VENV/bin/pylint" --rcfile="$ROOT/.pylintrc" $modules || status=1
exit $status
