#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 (installing Debian's package if needed), runs the given
# command with CLAIMS_PG_CONN set to a connection string for it, then stops the server and deletes its data.
#   bash .ci/with-postgres.sh dotnet test ClaimsLedger.sln
# Works as root (the server runs as the postgres user) or as an ordinary user.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  echo "installing PostgreSQL from Debian's packages ..."
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

as_postgres=()
if [ "$(id -u)" -eq 0 ]; then as_postgres=(runuser -u postgres --); fi

# A short path: the server's unix socket lives here and socket paths are limited to 107 bytes.
dir=$(mktemp -d /tmp/claims-pg.XXXXXX)
chmod 755 "$dir"
mkdir "$dir/data"
if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$dir"; fi

stop() {
  "${as_postgres[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

"${as_postgres[@]}" "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
  --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log"

port=""
for candidate in $(shuf -i 20000-60999 -n 25); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then continue; fi   # taken
  if "${as_postgres[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $candidate -k $dir -c max_connections=200" start >/dev/null; then
    port=$candidate
    break
  fi
done
if [ -z "$port" ]; then cat "$dir/server.log" >&2; echo "could not start PostgreSQL" >&2; exit 1; fi

"${as_postgres[@]}" "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -qtA -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE claims LOGIN PASSWORD 'claims_pw'" \
  -c "CREATE DATABASE claims OWNER claims" >/dev/null

export CLAIMS_PG_CONN="Host=127.0.0.1;Port=$port;Database=claims;Username=claims;Password=claims_pw"
echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') is up on 127.0.0.1:$port (CLAIMS_PG_CONN is set)"
"$@"
