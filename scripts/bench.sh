#!/usr/bin/env bash
# Run every benchmark in bench/ against PostgreSQL (a database of its own, dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
set -euo pipefail
export EDI_TESTING=1
export BENCH_DATABASE_URL="${TEST_DATABASE_URL%/*}/edi_tracker_bench"
for script in bench/*.py; do
  case "$(basename "$script")" in _common.py|staff_extract.py) continue ;; esac  # helpers, not benchmarks
  echo "== $script"
  .venv/bin/python "$script"
done
