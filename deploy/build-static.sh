#!/bin/sh
# Builds the samenkoop binary as the container image runs it: one static
# executable with SQLite compiled in (cgo), no shared libraries, nothing
# else needed at run time. The Containerfile runs this script, so the
# image and .ci/run build with the same command.
#
#   deploy/build-static.sh [OUTPUT]     (default: ./samenkoop)
#
# VERSION (environment) is stamped into the binary as main.version, which
# `samenkoop version`, the X-Samenkoop-Version header and /healthz report;
# without it the version is the Git description of the checkout, or "dev".
#
# The tags make a static link with glibc clean:
#   netgo, osusergo          the pure-Go DNS resolver and user lookup, so
#                            that no getaddrinfo/getpwnam of glibc (which
#                            would need glibc's shared NSS modules at run
#                            time) is linked;
#   sqlite_omit_load_extension
#                            no dlopen for SQLite extensions, which a static
#                            binary cannot do.
set -eu

cd "$(dirname "$0")/.."
out=${1:-samenkoop}

if [ -z "${VERSION:-}" ]; then
	VERSION=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
fi

CGO_ENABLED=1 go build \
	-buildvcs=false \
	-tags 'netgo osusergo sqlite_omit_load_extension' \
	-ldflags "-s -w -X main.version=$VERSION -linkmode external -extldflags '-static'" \
	-o "$out" ./cmd/samenkoop
