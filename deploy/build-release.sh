#!/usr/bin/env bash
# The release build deploy/Dockerfile makes, for machines without Docker (and for CI), then a smoke test of the
# binary on its own: copied into a clean temporary directory, started on a free loopback port with a fresh
# database, asked GET /api/v3/version, `tablao migrate verify`-ed, stopped with SIGTERM. Exits non-zero on any
# failure.
#
#   deploy/build-release.sh                                  # build, then smoke-test the binary
#   RELEASE_SCRATCH_PATH=.build-release deploy/build-release.sh   # another SwiftPM scratch path
#   RELEASE_OUTPUT=dist/tablao deploy/build-release.sh            # also keep the tested binary there
#
# (Not TABLAO_* names: `tablao serve` reads TABLAO_* variables as settings. The smoke test starts the binary with
# every TABLAO_* variable removed from its environment, so the caller's settings cannot change what is tested.)
set -euo pipefail
cd "$(dirname "$0")/.."

scratch="${RELEASE_SCRATCH_PATH:-.build}"
output="${RELEASE_OUTPUT:-}"
started=$SECONDS

log() { printf 'build-release: %s\n' "$*"; }
fail() {
    printf 'build-release: FAILED: %s\n' "$*" >&2
    if [ -n "${work:-}" ] && [ -f "$work/tablao.log" ]; then
        printf -- '--- last lines of the manager log ---\n' >&2
        tail -n 40 "$work/tablao.log" >&2 || true
    fi
    exit 1
}

# 1. The release build: the Swift standard library and Foundation linked statically, as in the Dockerfile, so the
#    binary needs only glibc, libstdc++ and the libraries apt installs (libsqlite3-0, libjpeg62-turbo, libpng16-16,
#    libjavascriptcoregtk-4.1-0).
log "swift build -c release --static-swift-stdlib --product tablao (scratch path $scratch)"
swift build -c release --static-swift-stdlib --product tablao --scratch-path "$scratch"
binary="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)/tablao"
[ -x "$binary" ] || fail "no binary at $binary"
log "built $binary ($(du -h "$binary" | cut -f1)) in $((SECONDS - started)) s"

# 2. From here on, a clean directory holding only the binary; removed, and the manager killed, on any exit.
work="$(mktemp -d "${TMPDIR:-/tmp}/tablao-release.XXXXXX")"
pid=""
cleanup() {
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cp "$binary" "$work/tablao"
# The state directory must exist (tablao creates the database file and the storage folder, not the database's folder).
mkdir "$work/state"

swift_libraries="$(ldd "$work/tablao" | grep -E 'libswift|libFoundation|libdispatch|libBlocksRuntime' || true)"
[ -z "$swift_libraries" ] || fail "the binary still links Swift's shared libraries:
$swift_libraries"
log "shared libraries: $(ldd "$work/tablao" | awk '{print $1}' | grep -v '^/' | sort | tr '\n' ' ')"

# A loopback port nobody listens on (bash's /dev/tcp connects only when something listens).
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# GET over bash's /dev/tcp (no curl needed); prints the whole answer, headers first; bounded to 5 s.
http_get() {
    local port="$1" path="$2"
    timeout 5 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$0" || exit 1
        printf "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" "$1" >&3
        cat <&3' "$port" "$path"
}

# 3. Start it, retrying with another port if the chosen one was taken in the meantime.
port=""
answer=""
for attempt in 1 2 3; do
    port="$(free_port)" || fail "no free loopback port"
    log "starting ./tablao serve on 127.0.0.1:$port with a fresh database (attempt $attempt)"
    (cd "$work" && for variable in $(compgen -e | grep '^TABLAO_' || true); do unset "$variable"; done &&
        exec ./tablao serve --listen "127.0.0.1:$port" --database state/tablao.sqlite \
        --storage state/storage --log-level info) >>"$work/tablao.log" 2>&1 &
    pid=$!
    deadline=$((SECONDS + 60))
    while [ "$SECONDS" -lt "$deadline" ]; do
        if ! kill -0 "$pid" 2>/dev/null; then break; fi
        if answer="$(http_get "$port" /api/v3/version 2>/dev/null)" && [[ "$answer" == "HTTP/1.1 200"* ]]; then break 2; fi
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then fail "no answer from /api/v3/version within 60 s"; fi
    wait "$pid" || true
    pid=""
done
[ -n "$pid" ] || fail "the manager exited at start-up three times"
body="${answer#*$'\r\n\r\n'}"
log "GET /api/v3/version -> $body"
[[ "$body" == *'"name"'* && "$body" == *'"version"'* ]] || fail "unexpected /api/v3/version body: $body"

# 4. The database it created passes `migrate verify` (a read-only check; safe while the manager runs).
verify="$("$work/tablao" migrate verify --database "$work/state/tablao.sqlite")" || fail "tablao migrate verify: $verify"
log "tablao migrate verify -> $verify"

# 5. Graceful shutdown: SIGTERM, exit 0 within 30 s, WAL checkpointed away.
kill -TERM "$pid"
status=""
for _ in $(seq 1 300); do
    if ! kill -0 "$pid" 2>/dev/null; then
        status=0
        wait "$pid" || status=$?
        break
    fi
    sleep 0.1
done
[ -n "$status" ] || fail "still running 30 s after SIGTERM"
pid=""
[ "$status" -eq 0 ] || fail "exited with status $status after SIGTERM"
[ ! -e "$work/state/tablao.sqlite-wal" ] || fail "tablao.sqlite-wal ($(stat -c %s "$work/state/tablao.sqlite-wal") bytes) left behind after a graceful shutdown: the database connection was not closed"
log "SIGTERM -> exit 0, no -wal file left"

if [ -n "$output" ]; then
    mkdir -p "$(dirname "$output")"
    cp "$work/tablao" "$output"
    log "kept the tested binary as $output"
fi
log "OK in $((SECONDS - started)) s"
