#!/bin/sh
# Container entrypoint: `migrate up` (serialised across containers by a PostgreSQL advisory lock,
# so N replicas starting together apply each migration once), then the app in the foreground.
#   market-ingest-entrypoint api|worker|migrate …|import-sqlite …|<any command>
# SKIP_MIGRATIONS=1 starts the app without migrating (e.g. when a release job migrates).
# The app's configuration is checked first (`config check`): a bad value, or a placeholder of
# .env.example (API_KEYS, POSTGRES_PASSWORD), stops the container before it touches the database.
# MIGRATE_BACKUP_DIR=<dir> makes `migrate up` pg_dump the database there first when a migration is
# pending (keeping MIGRATE_BACKUP_KEEP backups; mount a volume there).
set -eu

APP_ROOT="${APP_ROOT:-/app}"
CLI="$APP_ROOT/dist/apps/cli/src/main.js"
cmd="${1:-api}"

migrate() {
  if [ "${SKIP_MIGRATIONS:-0}" = "1" ] || [ "${SKIP_MIGRATIONS:-}" = "true" ]; then
    echo "entrypoint: SKIP_MIGRATIONS set; not migrating"
    return 0
  fi
  if [ -n "${MIGRATE_BACKUP_DIR:-}" ]; then
    echo "entrypoint: migrate up (backup to $MIGRATE_BACKUP_DIR when a migration is pending)"
  else
    echo "entrypoint: migrate up"
  fi
  node "$CLI" migrate up
}

case "$cmd" in
  api | worker)
    node "$CLI" config check "$cmd"
    migrate
    echo "entrypoint: starting $cmd"
    exec node "$APP_ROOT/dist/apps/$cmd/src/main.js"
    ;;
  migrate | import-sqlite | demo | bench | config)
    exec node "$CLI" "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
