#!/bin/bash
# Fails when a C file is not formatted the way .clang-format says.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
mapfile -t files < <(find src tests -name '*.[ch]' | sort)
# One clang-format process for all files: it names each one that differs.
if ! clang-format --dry-run --Werror "${files[@]}" 2>"${TMPDIR:-/tmp}/check-format.$$"; then
  grep -oE '^[^:]+\.[ch]' "${TMPDIR:-/tmp}/check-format.$$" | sort -u \
    | sed 's/^/not formatted (run clang-format -i): /'
  rm -f "${TMPDIR:-/tmp}/check-format.$$"
  exit 1
fi
rm -f "${TMPDIR:-/tmp}/check-format.$$"
