#!/bin/bash
# Installs what Socialdesk needs to build and test on Debian 12, then
# configures and builds it in ./build. Sourced by run-app.sh and
# run-tests.sh; safe to run again (it installs only what is missing).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir="${SOCIALDESK_BUILD_DIR:-$root/build}"

packages=(
  # build
  gcc pkg-config meson ninja-build gettext
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev
  libsqlite3-dev libsecret-1-dev libglib2.0-bin
  # run
  adwaita-icon-theme fonts-cantarell fonts-noto-color-emoji gnome-keyring
  # data checks
  desktop-file-utils appstream flatpak-builder
  # tests
  xvfb xauth dbus-daemon dbus-bin clang-format python3
  libsecret-tools locales
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Socialdesk needs these Debian packages. Install them with:"
    echo "  sudo apt-get install --no-install-recommends ${missing[*]}"
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # Without recommends: flatpak-builder would otherwise bring the desktop
  # portal, which slows down every app start on the test bus.
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# German dates and times in the German test run and screenshots need the
# locale itself, not only the catalogue.
if [ "$(id -u)" -eq 0 ] && ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  sed -i -E 's/^# *(de_DE\.UTF-8 UTF-8|en_US\.UTF-8 UTF-8)/\1/' /etc/locale.gen
  locale-gen >/dev/null
fi

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$root" ${SOCIALDESK_MESON_ARGS:-}
fi
meson compile -C "$build_dir"
