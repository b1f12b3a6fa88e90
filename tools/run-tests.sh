#!/bin/bash
# Sets up, builds and runs the whole test suite headless: a private D-Bus
# session, Xvfb, temporary home folders. Prints "N passed, N failed" last
# and exits with the test run's status.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="${SOCIALDESK_BUILD_DIR:-$root/build}"

"$root/tools/setup.sh" || exit 1

# Bluesky's reference servers (PLC, PDS, AppView) for the 'bluesky' suite:
# cached outside the repository, a few minutes the first time.
SOCIALDESK_BLUESKY_HOME=$("$root/tools/setup-bluesky.sh") || exit 1
export SOCIALDESK_BLUESKY_HOME

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Nothing of the tests lands in the real home; one cache for the run keeps
# Mesa's shader cache warm across the UI tests.
export HOME="$tmp/home" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
mkdir -p -m 700 "$XDG_RUNTIME_DIR"

dbus-run-session --config-file="$root/tests/dbus/session-test.conf" -- \
  xvfb-run -a -s "-screen 0 1280x800x24" \
  meson test -C "$build_dir" --print-errorlogs "$@"
rc=$?

/usr/bin/python3 "$root/tools/meson-test-summary.py" \
  "$build_dir/meson-logs/testlog.json"
exit $rc
