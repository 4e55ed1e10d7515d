# The two commands of the README: `make run` and `make test`. `make setup` is what both need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

help:
	@echo "make run    set up, migrate SQLite, load the demo data and serve http://127.0.0.1:8000"
	@echo "make test   set up PostgreSQL, Redis, Chromium and run the whole suite"
	@echo "make setup  create .venv and install the locked dependencies (idempotent)"
	@echo "make bench  run the benchmarks in bench/ (needs PostgreSQL, as make test sets up)"

setup:
	@scripts/setup.sh

run: setup
	@scripts/run.sh

test: setup
	@scripts/test.sh $(PYTEST_ARGS)

bench: setup
	@scripts/bench.sh

.PHONY: help setup run test bench
