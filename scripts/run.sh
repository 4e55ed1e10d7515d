#!/usr/bin/env bash
# The embedded default: SQLite, Celery tasks in-process, demo data loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG="${DEBUG:-true}"
export EMAIL_BACKEND="${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}"
PY=.venv/bin/python
$PY manage.py migrate --no-input -v0
$PY manage.py load_demo
echo
echo "EDI Tracker is at http://127.0.0.1:8000 (Ctrl-C stops it). Emails are written to var/mail/."
$PY manage.py demo_logins
exec $PY manage.py runserver 127.0.0.1:8000
