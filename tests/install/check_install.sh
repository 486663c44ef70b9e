#!/usr/bin/env bash
# `cmake --install` into a fresh prefix, then the installed programs on their own: the CLI
# finds the installed data and kernel (not the source tree's), runs an installed example, and
# the desktop app starts to a usable window and quits with status 0.
# usage: check_install.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" > "$work/install.log"

fail() { echo "install check: $*" >&2; exit 1; }
for f in bin/partsmith bin/partsmith-cli bin/partsmith-kernel share/partsmith/prompts share/partsmith/examples \
         share/partsmith/curriculum/curriculum.jsonl share/partsmith/pricing/model_prices.json \
         share/applications/partsmith.desktop; do
  [ -e "$prefix/$f" ] || fail "$f was not installed"
done
ls "$prefix"/share/icons/hicolor/*/apps/partsmith.* > /dev/null 2>&1 || fail "no icon under share/icons/hicolor"
grep -q '^Exec=partsmith' "$prefix/share/applications/partsmith.desktop" || fail "the .desktop file has no Exec=partsmith"

# A clean environment: no overrides that would point back at the build or source tree.
run() { env -u PARTSMITH_KERNEL -u PARTSMITH_DATA_DIR -u PARTSMITH_PROMPTS -u PARTSMITH_EXAMPLES \
        -u PARTSMITH_CURRICULUM -u PARTSMITH_PRICES HOME="$work/home" XDG_DATA_HOME="$work/data" \
        XDG_CONFIG_HOME="$work/config" PARTSMITH_DB="$work/history.db" "$@"; }

paths=$(run "$prefix/bin/partsmith-cli" paths)
echo "$paths"
share=$(cd "$prefix/share/partsmith" && pwd -P)
for key in prompts examples curriculum prices; do
  value=$(printf '%s' "$paths" | sed -n "s/^  \"$key\": \"\(.*\)\",\{0,1\}$/\1/p")
  case "$value" in "$share"/*|"$prefix"/share/partsmith/*) ;; *) fail "$key is read from '$value', not from the install" ;; esac
done
printf '%s' "$paths" | grep -q "\"kernel\": \"$prefix/bin/partsmith-kernel\"" || fail "the installed kernel is not found"

example=$(ls "$prefix"/share/partsmith/examples/*.js | head -n 1)
run "$prefix/bin/partsmith-cli" run "$example" --json > "$work/run.json" || fail "the installed CLI could not run $example"
grep -q '"ok": *true' "$work/run.json" || fail "running $example did not succeed: $(head -c 400 "$work/run.json")"

if [ -n "${DISPLAY:-}" ]; then
  run "$prefix/bin/partsmith" --quit-when-ready --startup-report 2> "$work/app.log" || { cat "$work/app.log" >&2; fail "the installed app did not exit 0"; }
  grep -q "usable window" "$work/app.log" || { cat "$work/app.log" >&2; fail "the installed app reported no usable window"; }
else
  echo "install check: no display, the desktop app was not started"
fi
echo "install check: ok ($prefix)"
