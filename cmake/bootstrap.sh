#!/usr/bin/env bash
# Installs missing Debian packages (cmake/debian-packages.txt), builds Partsmith, then either
# launches it (`app`) or runs the whole test suite under a virtual X display (`test`).
set -euo pipefail
mode=${1:-app}
shift || true
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

install_missing() {
  local wanted missing=()
  wanted=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' cmake/debian-packages.txt)
  for pkg in $wanted; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${#missing[@]} missing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake --preset default "${launcher[@]}" >/dev/null
  cmake --build --preset default -j "$(nproc)"
}

# OCCT renders through GLX only, so renders and GUI tests need an X server (occt-qt-notes.md §0).
with_display() {
  export LIBGL_ALWAYS_SOFTWARE=1
  if [ -n "${DISPLAY:-}" ]; then "$@"; else xvfb-run -a -s "-screen 0 1280x1024x24" "$@"; fi
}

case "$mode" in
  app)
    install_missing
    build
    if [ -n "${DISPLAY:-}" ]; then
      exec build/src/app/partsmith "$@"
    fi
    # No display (a headless shell): show what the kernel does through the CLI instead.
    echo "No X display: running the command-line program on an example instead of the window."
    example=${1:-resources/examples/mounting_bracket.js}
    mkdir -p out
    with_display build/src/cli/partsmith-cli run "$example" --export out/part.step --export out/part.stl \
      --export out/part.3mf --render out/views
    echo "Wrote out/part.step, out/part.stl, out/part.3mf and renders in out/views/"
    ;;
  test)
    install_missing
    build
    with_display ctest --preset default "$@"
    ;;
  *)
    echo "usage: cmake/bootstrap.sh app [FILE.js] | test [ctest args]" >&2
    exit 2
    ;;
esac
