#!/usr/bin/env bash
# Everything the suite needs, then the whole suite: PostgreSQL, Redis with a real Celery worker, Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh
set -euo pipefail
export EDI_TESTING=1
export DATABASE_URL="$TEST_DATABASE_URL"
# Each run gets its own Celery queue so concurrent runs on one Redis never take each other's tasks.
export CELERY_QUEUE="edi_test_$$_$(date +%s)"
export DJANGO_ALLOW_ASYNC_UNSAFE=true  # Playwright's sync API runs an event loop in the test thread
echo "make test: PostgreSQL ${DATABASE_URL}, Redis ${EDI_TEST_REDIS_URL}, Chromium ${CHROMIUM_PATH}"
exec .venv/bin/pytest "$@"
