#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the store's tests:
#
#   .ci/postgres.sh start   creates and starts it, prints its URL
#   .ci/postgres.sh url     prints the URL of the running cluster
#   .ci/postgres.sh stop    stops it and removes its directory
#
# It installs nothing: it uses Debian's postgresql binaries
# (/usr/lib/postgresql/*/bin, the newest found; PGBIN overrides). The
# cluster lives in a temporary directory owned by an unprivileged user
# (PostgreSQL refuses to run as root; as root the script creates the
# user samenkoop-ci and runs the server as it), listens on 127.0.0.1 only,
# on PGPORT (default 55432, or the next free port), and trusts local
# connections: it holds test data only. The state (directory, port, user)
# is kept in PGSTATE (default /tmp/samenkoop-ci-postgres.env).
set -euo pipefail

state=${PGSTATE:-/tmp/samenkoop-ci-postgres.env}
ci_user=samenkoop-ci

pgbin() {
	if [ -n "${PGBIN:-}" ]; then
		echo "$PGBIN"
		return
	fi
	local dir
	dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
		echo "postgres.sh: no initdb under /usr/lib/postgresql/*/bin: install Debian's postgresql" >&2
		exit 1
	fi
	echo "$dir"
}

# as_user runs a command as the cluster's owner.
as_user() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "$ci_user" -- "$@"
	else
		"$@"
	fi
}

port_free() {
	! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

url() {
	# shellcheck disable=SC1090
	. "$state"
	echo "postgres://$PGUSER_NAME@127.0.0.1:$PGPORT_USED/postgres?sslmode=disable"
}

start() {
	if [ -f "$state" ]; then
		echo "postgres.sh: a cluster runs already ($state); stop it first" >&2
		exit 1
	fi
	local bin dir port user
	bin=$(pgbin)
	if [ "$(id -u)" -eq 0 ]; then
		id -u "$ci_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ci_user"
		user=$ci_user
	else
		user=$(id -un)
	fi
	dir=$(mktemp -d /tmp/samenkoop-ci-postgres.XXXXXX)
	chmod 700 "$dir"
	if [ "$(id -u)" -eq 0 ]; then
		chown "$ci_user" "$dir"
	fi
	port=${PGPORT:-55432}
	while ! port_free "$port"; do
		port=$((port + 1))
	done
	as_user "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		exit 1
	}
	as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	printf 'PGDIR_USED=%q\nPGPORT_USED=%q\nPGUSER_NAME=%q\nPGBIN_USED=%q\n' "$dir" "$port" "$user" "$bin" >"$state"
	url
}

stop() {
	if [ ! -f "$state" ]; then
		return 0
	fi
	# shellcheck disable=SC1090
	. "$state"
	as_user "$PGBIN_USED/pg_ctl" -D "$PGDIR_USED/data" -m fast -w stop >/dev/null || true
	rm -rf "$PGDIR_USED" "$state"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
url) url ;;
*)
	echo "usage: $0 start|stop|url" >&2
	exit 2
	;;
esac
