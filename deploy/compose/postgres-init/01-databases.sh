#!/usr/bin/env bash
# One database per service, each owned by a login role of the same name. The postgres image runs this once, when
# its data volume is new (/docker-entrypoint-initdb.d). docker-compose.yml lists the databases in PCN_DATABASES,
# one per line:
#
#   <database (also the role)> <the role's password> [<extension> ...]
#
# The extensions are created by the superuser before the service's first migration runs. (registry-service's
# btree_gist is a trusted extension since PostgreSQL 13, so its owner could create it; creating it here means the
# migration's CREATE EXTENSION IF NOT EXISTS has nothing to do whatever the role may do.)
set -euo pipefail

while read -r database password extensions; do
  [ -n "$database" ] || continue
  echo "pcn: creating database $database, owned by role $database"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set database="$database" --set password="$password" <<'SQL'
CREATE ROLE :"database" LOGIN PASSWORD :'password';
CREATE DATABASE :"database" OWNER :"database";
SQL
  for extension in $extensions; do
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$database" \
      --set extension="$extension" <<< 'CREATE EXTENSION IF NOT EXISTS :"extension";'
  done
done <<< "$PCN_DATABASES"
