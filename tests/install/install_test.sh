#!/usr/bin/env bash
# Install test: `cmake --install` to a temporary prefix, which is then moved elsewhere; with the
# source and build trees hidden (an empty tmpfs mounted over each, in a private mount namespace,
# when this runs as root; otherwise they stay, and the test says so), the installed vanban extracts a
# seed and checks its rules, and a program built against the installed CMake package, and one built
# with pkg-config, extract it through the public API. Both must print exactly what vanban prints.
#   tests/install/install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
work=$(mktemp -d /tmp/vanban-install-XXXXXX)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
mv "$work/prefix" "$work/moved"   # nothing may point at the place it was installed to
cp "$source/corpus/seeds/001_9b523df372c715d2.txt" "$work/seed.txt"
cp -r "$source/tests/install/consumer" "$work/consumer"

cat > "$work/run.sh" <<'INNER'
set -euo pipefail
work=$1 source=$2 build=$3
unset VANBAN_DATA_DIR VANBAN_RULES_PATH VANBAN_PLUGIN_PATH
cd "$work"
if [[ -d "$source/core" || -d "$build/core" ]]; then
  echo "install test: the source and build trees stay reachable (not root: no private mount namespace)"
else
  echo "install test: source tree $source and build tree $build hidden"
fi
prefix=$work/moved
"$prefix/bin/vanban" extract -q seed.txt > cli.json
grep -q '"number": "571/SGDĐT-CTrTT"' cli.json || { echo "installed vanban gave no header number"; exit 1; }
"$prefix/bin/vanban" rules check
cmake -S consumer -B consumer-build -G Ninja -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build consumer-build >/dev/null
VANBAN_DATA_DIR=$prefix/share/vanban consumer-build/extract_seed seed.txt > lib.json
cmp cli.json lib.json || { echo "the library through find_package gave another record than vanban"; exit 1; }
# shellcheck disable=SC2046
g++ -std=c++20 -O1 consumer/main.cc -o pc_consumer $(PKG_CONFIG_PATH=$prefix/lib/pkgconfig pkg-config --cflags --libs vanban)
VANBAN_DATA_DIR=$prefix/share/vanban ./pc_consumer seed.txt > pc.json
cmp cli.json pc.json || { echo "the library through pkg-config gave another record than vanban"; exit 1; }
echo "install test: installed vanban, a find_package(vanban) program and a pkg-config program agree on the seed"
INNER

if [[ $(id -u) -eq 0 ]] && command -v unshare >/dev/null; then
  unshare --mount bash -c "mount --make-rprivate / && mount -t tmpfs none '$source' && \
    { [[ '$build' == '$source'/* ]] || mount -t tmpfs none '$build'; } && bash '$work/run.sh' '$work' '$source' '$build'"
else
  bash "$work/run.sh" "$work" "$source" "$build"
fi
