#!/bin/bash
# Runs the Bluesky server test (TEST_BINARY) against the real Bluesky
# servers that tools/setup-bluesky.sh installed, inside a throwaway
# keyring when tests/run-keyring.sh and gnome-keyring are there:
#
#   run-server-test.sh SOURCE_DIR TEST_BINARY [ARGS...]
#
# Without the install it reports a TAP skip, so a developer who did not
# run the setup still gets a green suite.
set -euo pipefail

src=$1
shift

# Where tools/setup-bluesky.sh installed: SOCIALDESK_BLUESKY_HOME (what it
# printed), else under SOCIALDESK_CACHE_DIR when set, else
# /var/cache/socialdesk or (not root) the user's cache folder.
if [ -n "${SOCIALDESK_BLUESKY_HOME:-}" ]; then
  bases=()
  [ -f "$SOCIALDESK_BLUESKY_HOME/.complete" ] && home=$SOCIALDESK_BLUESKY_HOME
elif [ -n "${SOCIALDESK_CACHE_DIR:-}" ]; then
  bases=("$SOCIALDESK_CACHE_DIR")
else
  bases=(/var/cache/socialdesk "${XDG_CACHE_HOME:-$HOME/.cache}/socialdesk")
fi
home=${home:-}
for base in "${bases[@]}"; do
  [ -z "$home" ] || break
  if [ -f "$base/bluesky/current/.complete" ]; then
    home=$(cd "$base/bluesky/current" && pwd -P)
    break
  fi
done
if [ -z "$home" ]; then
  echo "1..0 # SKIP the Bluesky servers are not installed (run tools/setup-bluesky.sh)"
  exit 0
fi
for tool in redis-server /usr/lib/postgresql; do
  if ! command -v "$tool" >/dev/null && [ ! -e "$tool" ]; then
    echo "1..0 # SKIP $tool is missing (run tools/setup-bluesky.sh)"
    exit 0
  fi
done

export SOCIALDESK_BLUESKY_HOME=$home
export SOCIALDESK_BLUESKY_SCRIPTS=$src

keyring="$src/../run-keyring.sh"
if [ -x "$keyring" ] && command -v gnome-keyring-daemon >/dev/null &&
   command -v dbus-run-session >/dev/null; then
  exec "$keyring" "$@"
fi
exec "$@"
