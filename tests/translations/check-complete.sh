#!/usr/bin/env bash
# Every user-facing string of the project (server, protocol library, desktop C++ and QML) has a
# finished Spanish and English translation: lupdate over the sources into copies of the .ts files
# must find nothing new, and lrelease nothing unfinished.
set -euo pipefail
lupdate=$1 lrelease=$2 root=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$root"/translations/conversa_*.ts "$work"/
cd "$root"
"$lupdate" -no-obsolete -locations none server shared desktop qml \
  -ts "$work"/conversa_es.ts "$work"/conversa_en.ts >"$work/lupdate.log" 2>&1
cat "$work/lupdate.log"
if grep -E "Found [0-9]+ source text\(s\) \([1-9][0-9]* new" "$work/lupdate.log"; then
  echo "FAIL: strings without an entry in translations/*.ts (run the update_translations target and translate them)"
  exit 1
fi
for ts in "$work"/conversa_es.ts "$work"/conversa_en.ts; do
  out=$("$lrelease" "$ts" -qm "$work/out.qm" 2>&1)
  echo "$out"
  if echo "$out" | grep -qE "[1-9][0-9]* unfinished|Ignored [1-9]"; then
    echo "FAIL: $(basename "$ts") has unfinished translations"
    exit 1
  fi
done
echo "PASS: every string is translated in both languages"
