#!/usr/bin/env bash
# Source this: makes sure PostgreSQL, Redis, Azurite, Chromium and axe-core are there for the suite and the
# benchmarks, and exports TEST_DATABASE_URL, EDI_TEST_REDIS_URL, EDI_TEST_AZURITE_CONNECTION_STRING and
# CHROMIUM_PATH.
# Uses the machine's PostgreSQL (127.0.0.1:5432) and Redis (127.0.0.1:6379) when they answer;
# otherwise installs them from Debian's packages and starts throwaway ones of its own.
set -euo pipefail

apt_install() {
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "services: please install these Debian packages: $*" >&2; return 1
  fi
  if [ ! -f /var/lib/apt/.edi-tracker-updated ] || [ -z "$(find /var/lib/apt/.edi-tracker-updated -mmin -720 2>/dev/null)" ]; then
    apt-get update -qq && touch /var/lib/apt/.edi-tracker-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

RUN_DIR="${EDI_RUN_DIR:-/tmp/edi-tracker-services}"
mkdir -p "$RUN_DIR"

# --- PostgreSQL -------------------------------------------------------------------------------
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432 &&
     psql -h 127.0.0.1 -p 5432 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    TEST_DATABASE_URL="postgres://postgres@127.0.0.1:5432/edi_tracker"
  else
    PGPORT_OWN=55432
    if ! pg_isready -q -h 127.0.0.1 -p "$PGPORT_OWN" 2>/dev/null; then
      if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
        echo "services: installing PostgreSQL"; apt_install postgresql
      fi
      PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
      PGDATA="$RUN_DIR/pgdata"
      id postgres >/dev/null 2>&1 || useradd --system --home "$RUN_DIR" postgres
      chown postgres "$RUN_DIR"
      if [ ! -f "$PGDATA/PG_VERSION" ]; then
        # PostgreSQL refuses to run as root: the throwaway cluster belongs to the postgres user.
        su postgres -s /bin/sh -c "$PGBIN/initdb -D '$PGDATA' -A trust -U postgres >/dev/null"
      fi
      su postgres -s /bin/sh -c "$PGBIN/pg_ctl -D '$PGDATA' -o \"-p $PGPORT_OWN -k '$RUN_DIR' -c listen_addresses=127.0.0.1 -c fsync=off\" -l '$RUN_DIR/postgres.log' -w start >/dev/null"
      echo "services: started a throwaway PostgreSQL on 127.0.0.1:$PGPORT_OWN"
    fi
    TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT_OWN/edi_tracker"
  fi
fi
export TEST_DATABASE_URL

# --- Redis -------------------------------------------------------------------------------------
if [ -z "${EDI_TEST_REDIS_URL:-}" ]; then
  if command -v redis-cli >/dev/null 2>&1 && [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; then
    EDI_TEST_REDIS_URL="redis://127.0.0.1:6379/11"
  else
    REDIS_PORT_OWN=56379
    if [ "$(redis-cli -h 127.0.0.1 -p $REDIS_PORT_OWN ping 2>/dev/null)" != PONG ]; then
      command -v redis-server >/dev/null 2>&1 || { echo "services: installing Redis"; apt_install redis-server; }
      redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT_OWN" --save "" --appendonly no \
        --dir "$RUN_DIR" --logfile "$RUN_DIR/redis.log"
      for _ in $(seq 50); do [ "$(redis-cli -h 127.0.0.1 -p $REDIS_PORT_OWN ping 2>/dev/null)" = PONG ] && break; sleep 0.1; done
      echo "services: started a throwaway Redis on 127.0.0.1:$REDIS_PORT_OWN"
    fi
    EDI_TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT_OWN/11"
  fi
fi
export EDI_TEST_REDIS_URL

# --- Chromium and axe-core ----------------------------------------------------------------------
if [ -z "${CHROMIUM_PATH:-}" ]; then
  if [ ! -x /usr/bin/chromium ]; then echo "services: installing Chromium"; apt_install chromium fonts-liberation; fi
  CHROMIUM_PATH=/usr/bin/chromium
fi
export CHROMIUM_PATH
# (and oidc-provider, the OpenID Connect provider the single sign-on journeys start on loopback)
if [ ! -f node_modules/axe-core/axe.min.js ] || [ ! -f node_modules/oidc-provider/package.json ]; then
  command -v npm >/dev/null 2>&1 || { echo "services: installing npm"; apt_install nodejs npm; }
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
fi

# --- Azurite (Azure Blob Storage emulator, from npm) for the object-storage tests ---------------------
# Its own port on loopback, its data under $RUN_DIR; started once and left running, like Redis.
if [ -z "${EDI_TEST_AZURITE_CONNECTION_STRING:-}" ]; then
  AZURITE_PORT=${EDI_AZURITE_PORT:-56310}
  azurite_up() { curl -s -o /dev/null -m 2 "http://127.0.0.1:$AZURITE_PORT/devstoreaccount1?comp=list" 2>/dev/null; }
  if ! azurite_up; then
    if [ ! -x node_modules/.bin/azurite-blob ]; then
      command -v npm >/dev/null 2>&1 || { echo "services: installing npm"; apt_install nodejs npm; }
      npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
    fi
    mkdir -p "$RUN_DIR/azurite"
    nohup node_modules/.bin/azurite-blob --blobHost 127.0.0.1 --blobPort "$AZURITE_PORT" \
      --location "$RUN_DIR/azurite" --skipApiVersionCheck --loose --silent \
      >"$RUN_DIR/azurite.log" 2>&1 </dev/null &
    echo $! >"$RUN_DIR/azurite.pid"
    for _ in $(seq 100); do azurite_up && break; sleep 0.2; done
    azurite_up || { echo "services: Azurite did not start (see $RUN_DIR/azurite.log)" >&2; exit 1; }
    echo "services: started Azurite on 127.0.0.1:$AZURITE_PORT"
  fi
  # Azurite's well-known development account (public in Microsoft's documentation; not a secret).
  EDI_TEST_AZURITE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$AZURITE_PORT/devstoreaccount1;"
fi
export EDI_TEST_AZURITE_CONNECTION_STRING

# pdftotext and friends for looking at PDFs by hand (the tests read PDFs with pypdf).
command -v pdftoppm >/dev/null 2>&1 || apt_install poppler-utils || true
set +e +u +o pipefail
