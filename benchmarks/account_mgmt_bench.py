# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Benchmark of account_mgmt's batch jobs, run inside `odoo-bin shell`.

For books of growing size it creates customer accounts with two posted
invoices each, then times the nightly jobs and counts their SQL queries:
revenue refresh, tier suggestions, health score and cadence scheduling
(first run, which creates the activities, and a rerun, which creates none).
It prints one row per job and size, with the time per account relative to
the smallest book. scripts/bench.sh runs it on a throw-away database.
"""

import os
import time
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.fields import Command

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "100,400,1600").split(",")]


def count_queries(env, func):
    """Run ``func`` and return (seconds, SQL queries) spent in it."""
    env.flush_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    func()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - before


def make_book(env, size, tag):
    """Create ``size`` tiered accounts with two posted invoices in the last year."""
    tier = env.ref("account_mgmt.tier_2")
    partners = env["res.partner"].create(
        [
            {
                "name": f"Bench {tag} {index}",
                "is_company": True,
                "tier_id": tier.id,
                "account_manager_id": env.ref("base.user_admin").id,
                "email": f"bench.{tag}.{index}@example.com",
            }
            for index in range(size)
        ]
    )
    product = env.ref("product.product_product_4")
    today = date.today()
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": today - relativedelta(months=months),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "quantity": 1,
                            "price_unit": 100.0 + index,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
            for index, partner in enumerate(partners)
            for months in (2, 7)
        ]
    )
    moves.action_post()
    return partners


def run(env):
    Partner = env["res.partner"]
    jobs = {
        "revenue refresh": lambda accounts: Partner._refresh_account_figures(
            partners=accounts
        ),
        "tier suggestions": lambda accounts: Partner._refresh_tier_suggestions(
            partners=accounts
        ),
        "health score": lambda accounts: accounts._refresh_health(),
        "cadence schedule": lambda accounts: accounts._schedule_cadence_activities(),
        # The nightly steady state: every account already has its activities.
        "cadence rerun": lambda accounts: accounts._schedule_cadence_activities(),
    }
    rows = []
    for size in SIZES:
        start = time.perf_counter()
        accounts = make_book(env, size, size)
        setup = time.perf_counter() - start
        print(f"book of {size} accounts created in {setup:.1f} s", flush=True)
        for name, job in jobs.items():
            seconds, queries = count_queries(
                env, lambda job=job, accounts=accounts: job(accounts)
            )
            rows.append((name, size, seconds, queries))
        env.cr.commit()  # keep the data of this size, so a crash loses nothing

    print()
    print(
        f"{'job':<18} {'accounts':>8} {'seconds':>9} {'queries':>8} "
        f"{'ms/account':>11} {'vs smallest':>12}"
    )
    base = {}
    for name, size, seconds, queries in rows:
        per_account = seconds * 1000 / size
        base.setdefault(name, per_account)
        ratio = per_account / base[name] if base[name] else 0.0
        print(
            f"{name:<18} {size:>8} {seconds:>9.2f} {queries:>8} "
            f"{per_account:>11.2f} {ratio:>11.2f}x"
        )


run(env)  # noqa: F821 (env is given by odoo-bin shell)
