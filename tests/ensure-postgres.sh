#!/usr/bin/env bash
# Called by `make test`: make PostgreSQL 15 available for the store's PostgreSQL tests, which
# start their own throwaway cluster (tests/pgsupport.py). Nothing to do when
# POLICYWIRE_TEST_PG_URL names a server or initdb is installed. Otherwise, as root with apt,
# install Debian's postgresql-15 without a default cluster; elsewhere say once that the
# PostgreSQL tests will skip (they fail instead under CI=1 or POLICYWIRE_REQUIRE_PG=1).
set -euo pipefail
if [ -n "${POLICYWIRE_TEST_PG_URL:-}" ] || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "PostgreSQL is not installed and cannot be installed here (needs root and apt-get):" \
       "the PostgreSQL tests will skip" >&2
  exit 0
fi
echo "installing postgresql-15 from Debian's packages for the PostgreSQL tests" >&2
export DEBIAN_FRONTEND=noninteractive
mkdir -p /etc/postgresql-common
grep -qs '^create_main_cluster' /etc/postgresql-common/createcluster.conf \
  || echo 'create_main_cluster = false' >> /etc/postgresql-common/createcluster.conf
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null
