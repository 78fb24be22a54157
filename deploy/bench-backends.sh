#!/usr/bin/env bash
# Times the store backends side by side at one scale: loading the demo
# (samenkoop demo under /usr/bin/time -v: wall time and peak memory), then
# the contract list, concentration, bundles and spend of a server on it
# (samenkoop-load -bench: first answer, median, min and max of N).
#
#   deploy/bench-backends.sh                    # SQLite, national scale, 15 runs
#   deploy/bench-backends.sh -scale small -n 5
#   SAMENKOOP_BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable \
#       deploy/bench-backends.sh                # SQLite and PostgreSQL
#   deploy/bench-backends.sh -addr 127.0.0.1:8080 -token skt_…   # a running server only
#
# With SAMENKOOP_BENCH_POSTGRES_URL (or SAMENKOOP_TEST_POSTGRES_URL) the
# script creates a database on that server with psql, runs the same steps
# on it (db.driver postgres) and drops it. Everything listens on loopback
# and is stopped when the script ends. Run it on a quiet machine: the
# figures are wall-clock times.
#
# The same requests over one register copied into both backends (the
# PostgreSQL database filled by migrate-store, so the ids agree), as a Go
# benchmark with /healthz as the bare round trip:
#
#   SAMENKOOP_TEST_POSTGRES_URL=postgres://…/postgres?sslmode=disable \
#   SAMENKOOP_BENCH_DB_NATIONAL=/tmp/national.db \
#       go test ./cmd/samenkoop -run X -bench Backends -benchtime 15x
set -euo pipefail

runs=15
scale=national
addr=""
token=""
while [ $# -gt 0 ]; do
	case "$1" in
	-n) runs="$2"; shift 2 ;;
	-scale) scale="$2"; shift 2 ;;
	-addr) addr="$2"; shift 2 ;;
	-token) token="$2"; shift 2 ;;
	*) echo "usage: $0 [-n RUNS] [-scale small|national|stress] [-addr HOST:PORT -token TOKEN]" >&2; exit 2 ;;
	esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
pids=()
dropdb=""
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	if [ -n "$dropdb" ]; then psql "$pgadmin" -q -c "DROP DATABASE IF EXISTS $dropdb WITH (FORCE)" >/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && go build -o "$work/samenkoop" ./cmd/samenkoop && go build -o "$work/samenkoop-load" ./cmd/samenkoop-load)

if [ -n "$addr" ]; then
	"$work/samenkoop-load" -bench "$runs" -addr "$addr" -token "$token"
	exit 0
fi

pgadmin="${SAMENKOOP_BENCH_POSTGRES_URL:-${SAMENKOOP_TEST_POSTGRES_URL:-}}"
backends=(sqlite)
if [ -n "$pgadmin" ]; then backends+=(postgres); fi

summary="$work/summary"
printf '%-10s %-10s %12s %14s\n' backend scale "demo load" "peak memory" >"$summary"
tables="$work/tables"
: >"$tables"

for backend in "${backends[@]}"; do
	# The environment every samenkoop command of this backend gets, in a
	# directory without a samenkoop.yaml.
	env_db=()
	if [ "$backend" = postgres ]; then
		dropdb="samenkoop_bench_$$"
		psql "$pgadmin" -q -c "CREATE DATABASE $dropdb" >/dev/null
		base="${pgadmin%%\?*}"
		query=""
		case "$pgadmin" in *\?*) query="?${pgadmin#*\?}" ;; esac
		env_db=(SAMENKOOP_DB_DRIVER=postgres "SAMENKOOP_DB_URL=${base%/*}/$dropdb$query")
	else
		env_db=("SAMENKOOP_DB_PATH=$work/bench.db")
	fi
	run() { (cd "$work" && env "${env_db[@]}" "$@"); }

	echo "== $backend: samenkoop demo --scale $scale" >&2
	run /usr/bin/time -v -o "$work/time.$backend" "$work/samenkoop" demo --scale "$scale" >"$work/demo.$backend"
	wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.$backend")"
	rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.$backend")"
	printf '%-10s %-10s %12s %11d MiB\n' "$backend" "$scale" "$wall" "$((rss / 1024))" >>"$summary"

	tok="$(run "$work/samenkoop" token create --user coordinator@demo.samenkoop.nl --name bench --expires 1d | tail -n 1)"
	run "$work/samenkoop" serve --addr 127.0.0.1:0 >"$work/serve.$backend" 2>"$work/serve.$backend.log" &
	pid=$!
	pids+=("$pid")
	server=""
	for _ in $(seq 1 600); do
		server="$(sed -n 's|.*serves http://\(127\.0\.0\.1:[0-9]*\).*|\1|p' "$work/serve.$backend")"
		if [ -n "$server" ] && curl -fsS "http://$server/healthz" >/dev/null 2>&1; then break; fi
		server=""
		sleep 0.1
	done
	if [ -z "$server" ]; then
		echo "the $backend server did not start:" >&2
		cat "$work/serve.$backend.log" >&2
		exit 1
	fi
	echo "== $backend: samenkoop-load -bench $runs -addr $server" >&2
	{ echo "-- $backend"; "$work/samenkoop-load" -bench "$runs" -addr "$server" -token "$tok"; } >>"$tables"
	kill "$pid"
	wait "$pid" || true
	pids=()
	if [ "$backend" = postgres ]; then
		psql "$pgadmin" -q -c "DROP DATABASE IF EXISTS $dropdb WITH (FORCE)" >/dev/null
		dropdb=""
	fi
done

cat "$summary"
echo
cat "$tables"
