#!/bin/bash
# Fails when a translatable string has no German translation, when the
# German catalogue has fuzzy or broken entries, or when a source file with
# translatable strings is missing from po/POTFILES.in.
# Usage: check-translations.sh SOURCE_ROOT
set -euo pipefail

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

# Every file that marks strings must be listed, or its strings never
# reach translators.
while IFS= read -r file; do
  if ! grep -qxF "$file" po/POTFILES.in; then
    echo "po/POTFILES.in lacks $file, which has translatable strings"
    status=1
  fi
done < <(grep -rlE '(\b_|\bN_|\bC_|ngettext) ?\(|translatable="yes"' \
           src data --include='*.c' --include='*.ui' --include='*.in' \
           --include='*.xml' | sort)

xgettext --from-code=UTF-8 --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --package-name=socialdesk --files-from=po/POTFILES.in \
  --output="$tmp/socialdesk.pot" 2>"$tmp/xgettext.log" || {
  cat "$tmp/xgettext.log"
  exit 1
}

msgmerge --quiet --no-fuzzy-matching po/de.po "$tmp/socialdesk.pot" \
  -o "$tmp/de.po"
stats=$(msgfmt --check --statistics -o /dev/null "$tmp/de.po" 2>&1)
echo "German: $stats"
case "$stats" in
  *untranslated* | *fuzzy*)
    echo "Strings without a German translation:"
    msgattrib --untranslated --only-fuzzy "$tmp/de.po" 2>/dev/null \
      | grep -E '^msgid ' | head -40 || true
    msgattrib --untranslated "$tmp/de.po" | grep -E '^msgid ' | head -40 || true
    status=1
    ;;
esac

# Entries of de.po that the sources no longer have are dead weight.
obsolete=$(msgattrib --only-obsolete "$tmp/de.po" | grep -c '^#~ msgid' || true)
if [ "$obsolete" -gt 0 ]; then
  echo "po/de.po has $obsolete obsolete entries; run the update-po target"
  status=1
fi

msgfmt --check -o /dev/null po/de.po
exit $status
