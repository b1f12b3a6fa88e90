#!/bin/bash
# Fails when a C file is not formatted the way .clang-format says.
set -euo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
bad=0
while IFS= read -r file; do
  if ! clang-format --dry-run --Werror "$file" 2>/dev/null; then
    echo "not formatted: $file (run: clang-format -i $file)"
    bad=1
  fi
done < <(find src tests -name '*.[ch]' | sort)
exit $bad
