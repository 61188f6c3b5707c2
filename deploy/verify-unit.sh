#!/usr/bin/env bash
# `systemd-analyze verify` on deploy/tablao.service, installing systemd's tools first when they are missing
# (CI containers often have none).
#
# verify checks that ExecStart's binary exists and is executable, and the unit names /usr/local/bin/tablao, which a
# build machine does not have. Rather than touching /usr/local/bin, this verifies a copy of the unit in a temporary
# directory whose ExecStart points at a real binary: $VERIFY_UNIT_BINARY if set, else a built tablao under .build*/, else
# /bin/true as a stand-in (verify only checks that the file is executable, it never runs it). Nothing else in the
# copy changes, so every other directive is checked as written.
#
#   deploy/verify-unit.sh
#   VERIFY_UNIT_BINARY=.build/release/tablao deploy/verify-unit.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v systemd-analyze >/dev/null 2>&1; then
    echo "verify-unit: systemd-analyze missing; installing systemd"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends systemd >/dev/null
fi

binary="${VERIFY_UNIT_BINARY:-}"
if [ -z "$binary" ]; then
    for candidate in .build/release/tablao .build/debug/tablao .build-*/release/tablao .build-*/debug/tablao; do
        if [ -x "$candidate" ]; then
            binary="$candidate"
            break
        fi
    done
fi
binary="$(readlink -f "${binary:-/bin/true}")"
[ -x "$binary" ] || { echo "verify-unit: $binary is not executable" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/tablao-unit.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# The copy keeps the unit's name: verify derives the service name from the file name.
sed "s|^ExecStart=/usr/local/bin/tablao |ExecStart=$binary |" deploy/tablao.service >"$work/tablao.service"
grep -q "^ExecStart=$binary serve " "$work/tablao.service" || {
    echo "verify-unit: ExecStart in deploy/tablao.service is not '/usr/local/bin/tablao serve …'" >&2
    exit 1
}

echo "verify-unit: systemd-analyze verify deploy/tablao.service (ExecStart binary: $binary)"
# verify exits non-zero on errors; it prints warnings too, which we treat as failures as well.
output="$(systemd-analyze verify "$work/tablao.service" 2>&1)" || { echo "$output" >&2; exit 1; }
if [ -n "$output" ]; then
    echo "$output" >&2
    echo "verify-unit: systemd-analyze verify printed warnings" >&2
    exit 1
fi
echo "verify-unit: ok ($(systemd-analyze --version | head -n 1))"
