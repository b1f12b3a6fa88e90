#!/bin/bash
# Sets up, builds and starts Socialdesk from the build tree.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="${SOCIALDESK_BUILD_DIR:-$root/build}"

"$root/tools/setup.sh"

# Uninstalled: settings schema, translations and icons from the build tree.
export GSETTINGS_SCHEMA_DIR="$build_dir/data"
export SOCIALDESK_LOCALEDIR="$build_dir/po"
export XDG_DATA_DIRS="$root/data:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
exec "$build_dir/src/socialdesk" "$@"
