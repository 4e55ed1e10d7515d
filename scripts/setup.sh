#!/usr/bin/env bash
# Create .venv and install the locked dependencies; install the system libraries WeasyPrint needs.
# Idempotent: a second run with nothing changed does nothing but check.
set -euo pipefail
cd "$(dirname "$0")/.."

UV_VERSION=0.13.9

find_python() {
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  echo "setup: Python 3.11 is needed (python3.11 on the PATH)." >&2
  return 1
}

apt_install() {
  # Install Debian packages when we may; say what is missing when we may not.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    if [ ! -f /var/lib/apt/.edi-tracker-updated ] || [ -z "$(find /var/lib/apt/.edi-tracker-updated -mmin -720 2>/dev/null)" ]; then
      apt-get update -qq && touch /var/lib/apt/.edi-tracker-updated
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  else
    echo "setup: please install these Debian packages: $*" >&2
    return 1
  fi
}

# WeasyPrint (PDF reports) needs Pango; a good sans-serif font (Liberation Sans is metric-compatible with Arial).
if ! ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then
  echo "setup: installing Pango for PDF reports"
  apt_install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
fi
# HarfBuzz's subsetter (in the image too): WeasyPrint subsets the PDF's fonts with it, and otherwise with fontTools,
# slower, warning "Please install HarfBuzz-Subset" for every report. A machine that had Pango already lacks it.
if ! ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so.0'; then
  apt_install libharfbuzz-subset0 || true
fi
if ! fc-list 2>/dev/null | grep -qi 'Liberation Sans'; then
  apt_install fonts-liberation fontconfig || true
fi

PYTHON=$(find_python)
# A .venv left half-made (an interrupted run) has no pip: make it again.
if [ ! -x .venv/bin/python ] || [ ! -x .venv/bin/pip ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else 1)'; then
  rm -rf .venv
  "$PYTHON" -m venv .venv
fi
if ! .venv/bin/uv --version 2>/dev/null | grep -q "$UV_VERSION"; then
  .venv/bin/pip install -q "uv==$UV_VERSION"
fi
stamp=.venv/.synced-compiled  # renamed when --compile-bytecode came: existing .venvs are compiled once
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ uv.lock -nt "$stamp" ]; then
  # --compile-bytecode: every process would otherwise compile the libraries' sources again at start-up
  # (about 5 s of a 6 s `manage.py check` here, where PYTHONDONTWRITEBYTECODE is set, as in the image).
  UV_PROJECT_ENVIRONMENT=.venv .venv/bin/uv sync --frozen --quiet --compile-bytecode
  touch "$stamp"
fi
# Our own modules too, as the image does (Dockerfile): with PYTHONDONTWRITEBYTECODE nothing else writes their
# bytecode, and every process would compile them again (about 60 ms of each start-up). Only what changed since
# is compiled again; a module edited later is compiled in memory until the next `make setup`, as before.
.venv/bin/python -m compileall -q -j 0 edi_tracker plans workforce metrics reports networks sso api >/dev/null
