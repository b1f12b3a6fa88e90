#!/usr/bin/env bash
# Offline check of the Flatpak manifest.
#
# Usage: check-flatpak-manifest.sh MANIFEST APP_ID
#
# No runtime can be downloaded here, so the manifest is only parsed:
# `flatpak-builder --show-manifest` with G_DEBUG=fatal-warnings turns unknown
# keys (e.g. a typo like "buildsytem") into a failure, and the normalised JSON
# it prints is then checked for the properties the app relies on.
#
# The flatpak-builder binary is taken from $FLATPAK_BUILDER if set, else PATH.

set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 MANIFEST APP_ID" >&2
    exit 2
fi

manifest=$1
app_id=$2

if [[ ! -f $manifest ]]; then
    echo "FAIL: manifest not found: $manifest" >&2
    exit 1
fi
[[ $manifest == /* ]] || manifest=$PWD/$manifest

flatpak_builder=${FLATPAK_BUILDER:-}
if [[ -z $flatpak_builder ]]; then
    flatpak_builder=$(command -v flatpak-builder || true)
fi
if [[ -z $flatpak_builder || ! -x $flatpak_builder ]]; then
    echo "FAIL: flatpak-builder not found; install it with" >&2
    echo "      apt-get install -y --no-install-recommends flatpak-builder" >&2
    exit 1
fi

python=/usr/bin/python3
if [[ ! -x $python ]]; then
    echo "FAIL: $python not found (Debian's python3 is needed for the JSON checks)" >&2
    exit 1
fi

# flatpak-builder writes ~/.local/share/flatpak and ./.flatpak-builder:
# keep both in a private temporary directory.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-flatpak-manifest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

rc=0
(
    cd "$tmp"
    HOME=$tmp XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache \
        XDG_CONFIG_HOME=$tmp/config G_DEBUG=fatal-warnings \
        "$flatpak_builder" --show-manifest "$manifest" >"$tmp/manifest.json" 2>"$tmp/stderr"
) || rc=$?
if [[ $rc -ne 0 ]]; then
    cat "$tmp/stderr" >&2
    echo "FAIL: flatpak-builder --show-manifest exited with $rc for $manifest" >&2
    if [[ $rc -eq 133 ]]; then
        echo "      (a GLib warning under G_DEBUG=fatal-warnings, e.g. an unknown key)" >&2
    fi
    exit 1
fi
# Anything on stderr at rc 0 is still worth seeing in the test log.
cat "$tmp/stderr" >&2

"$python" - "$tmp/manifest.json" "$app_id" "$manifest" <<'PY'
import json
import sys

path, app_id, source = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []


def check(ok, message):
    if not ok:
        failures.append(message)


try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
except ValueError as e:
    print(f"FAIL: flatpak-builder printed no valid JSON: {e}", file=sys.stderr)
    sys.exit(1)

if not isinstance(manifest, dict):
    print("FAIL: the manifest is not a JSON object", file=sys.stderr)
    sys.exit(1)

manifest_id = manifest.get("id", manifest.get("app-id"))
check(manifest_id == app_id,
      f"id (or app-id) is {manifest_id!r}, expected {app_id!r}")
check(manifest.get("command") == "socialdesk",
      f"command is {manifest.get('command')!r}, expected 'socialdesk'")
check(manifest.get("runtime") == "org.gnome.Platform",
      f"runtime is {manifest.get('runtime')!r}, expected 'org.gnome.Platform'")
check(manifest.get("sdk") == "org.gnome.Sdk",
      f"sdk is {manifest.get('sdk')!r}, expected 'org.gnome.Sdk'")

finish_args = manifest.get("finish-args") or []
if not isinstance(finish_args, list):
    finish_args = []
for arg in ("--share=network", "--socket=wayland", "--socket=fallback-x11",
            "--share=ipc", "--device=dri"):
    check(arg in finish_args, f"finish-args lack {arg}")

modules = manifest.get("modules") or []
if not isinstance(modules, list) or not modules:
    check(False, "modules is missing or empty")
else:
    last = modules[-1]
    if not isinstance(last, dict):
        check(False, f"the last module is not an inline object: {last!r}")
    else:
        check(last.get("name") == "socialdesk",
              f"last module is named {last.get('name')!r}, expected 'socialdesk'")
        check(last.get("buildsystem") == "meson",
              f"last module has buildsystem {last.get('buildsystem')!r}, expected 'meson'")

if failures:
    for message in failures:
        print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)

print(f"OK: {source} for {app_id}: runtime {manifest['runtime']}"
      f"//{manifest.get('runtime-version', '?')}, {len(modules)} module(s)")
PY
