# The two set-up commands of the README, plus helpers. The logic lives in scripts/.
.PHONY: demo test lint clean bench pot

demo:  ## Serve Odoo with account_mgmt on a demo database (http://127.0.0.1:8069)
	@bash scripts/demo.sh

test:  ## Run the whole test suite on a fresh database; ends with "N passed, M failed"
	@bash scripts/test.sh

lint:  ## ruff and pylint-odoo on the project's modules
	@bash scripts/lint.sh

clean:  ## Drop the project's databases and remove the venv and private PostgreSQL cluster
	@bash scripts/clean.sh

bench:  ## Time the batch jobs on books of 100, 400 and 1600 accounts
	@bash scripts/bench.sh

pot:  ## Export the translation templates (i18n/*.pot) of the project's modules
	@bash scripts/pot.sh
