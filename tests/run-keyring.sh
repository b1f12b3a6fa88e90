#!/bin/bash
# Runs a command against a real gnome-keyring-daemon, unlocked, with a
# throwaway keyring:
#
#   tests/run-keyring.sh [--locked] COMMAND [ARGS...]
#
# Each run gets its own private session bus, so tests that run in
# parallel never share (or --replace) each other's daemon, and a run
# started from a desktop session never touches the user's keyring. The
# bus has no activatable services: nothing can pop up a password prompt.
# With --locked the keyring exists but is locked, as after a login
# without unlocking. Exports DESK_KEYRING_STATE=unlocked|locked.
set -euo pipefail

state=unlocked
if [ "${1:-}" = "--locked" ]; then
  state=locked
  shift
fi
[ $# -gt 0 ] || { echo "usage: $0 [--locked] COMMAND [ARGS...]" >&2; exit 2; }

if [ -z "${DESK_KEYRING_DIR:-}" ]; then
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/socialdesk-keyring.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  cat >"$tmp/bus.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
  # The daemon takes its directories from the environment it starts in;
  # they must be set before the bus exists (see ENVIRONMENT.md §1.4).
  export DESK_KEYRING_DIR=$tmp
  export XDG_RUNTIME_DIR=$tmp/run XDG_DATA_HOME=$tmp/data
  export XDG_CONFIG_HOME=$tmp/config XDG_CACHE_HOME=$tmp/cache
  mkdir -p -m 700 "$XDG_RUNTIME_DIR"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"
  args=("$@")
  [ "$state" = locked ] && args=(--locked "${args[@]}")
  rc=0
  dbus-run-session --config-file="$tmp/bus.conf" -- "$0" "${args[@]}" || rc=$?
  exit $rc
fi

wait_for_keyring() {
  for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus \
         /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
         string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; then
      return 0
    fi
    sleep 0.05
  done
  echo "$0: gnome-keyring-daemon did not start" >&2
  return 1
}

# A random password per run; --unlock reads it from stdin and creates the
# "login" keyring (the default collection) when there is none.
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s' "$password" |
  gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null
wait_for_keyring

if [ "$state" = locked ]; then
  # Restarting on the existing keyring without --unlock leaves it locked
  # (secret-tool lock crashes or hangs with libsecret 0.20).
  gnome-keyring-daemon --replace --daemonize --components=secrets \
    </dev/null >/dev/null 2>&1
  sleep 0.2
  wait_for_keyring
fi

export DESK_KEYRING_STATE=$state
# The daemon exits when dbus-run-session takes the bus down after this.
exec "$@"
