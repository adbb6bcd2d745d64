# Tillit: the two commands of the README, and a few helpers.
.PHONY: run test lint format bench demo

run:  ## Start Tillit with demo data on SQLite and print where to log in
	scripts/run.sh

test:  ## The whole test suite: ruff, pytest on SQLite (with browser tests) and on PostgreSQL
	scripts/test.sh

lint:
	scripts/bootstrap.sh dev && .venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	scripts/bootstrap.sh dev && .venv/bin/ruff format . && .venv/bin/ruff check --fix .

bench:  ## Benchmarks (prints ratios against baselines measured in the same run)
	bench/run.sh
