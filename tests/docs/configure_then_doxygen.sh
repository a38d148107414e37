#!/usr/bin/env bash
# Regression test (CTest: docs.configure_then_doxygen) for a fresh clone's order: `./course lecture
# kmeans` configures the build before doxygen is installed, then `./course docs` installs doxygen and
# must find it. Replays it in a scratch build directory:
#   1. configure with a PATH that has every tool but doxygen (and CMake's own search of /usr/bin off);
#   2. the configure must not have cached a doxygen lookup, and the docs' tool step must fail saying
#      what to install;
#   3. with the real PATH, the same build directory's tool step (the first step of `docs`) finds it.
#   configure_then_doxygen.sh SOURCE_DIR SCRATCH_DIR
# Exit 77 (CTest: skipped) when doxygen is not installed, since step 3 needs it.
set -euo pipefail
src=$1 work=$2
command -v doxygen >/dev/null || { echo "doxygen is not installed: skipping"; exit 77; }
rm -rf "$work"
mkdir -p "$work/bin"
IFS=: read -ra dirs <<< "$PATH"
for d in "${dirs[@]}"; do
  [ -d "$d" ] || continue
  for t in "$d"/*; do
    n=${t##*/}
    [ "$n" = doxygen ] || [ -e "$work/bin/$n" ] || ln -s "$t" "$work/bin/$n"
  done
done
hidden="/usr/bin;/bin;/usr/local/bin;/usr/sbin;/sbin"
env PATH="$work/bin" cmake -S "$src" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_IGNORE_PATH="$hidden" \
  > "$work/configure.log" 2>&1 || { cat "$work/configure.log"; echo "FAIL: configure without doxygen"; exit 1; }
if grep -i "doxygen.*NOTFOUND" "$work/build/CMakeCache.txt"; then
  echo "FAIL: the configure cached a failed doxygen lookup; a later ./course docs would not find it"
  exit 1
fi
if env PATH="$work/bin" cmake --build "$work/build" --target docs_tools > "$work/tools-without.log" 2>&1; then
  echo "FAIL: the docs' tool step passed without doxygen on PATH"
  exit 1
fi
grep -q "the documentation needs doxygen" "$work/tools-without.log" || {
  cat "$work/tools-without.log"; echo "FAIL: no message saying what to install"; exit 1; }
cmake --build "$work/build" --target docs_tools > "$work/tools-with.log" 2>&1 || {
  cat "$work/tools-with.log"; echo "FAIL: doxygen installed after the first configure was not found"; exit 1; }
grep "docs: doxygen" "$work/tools-with.log"
rm -rf "$work"
echo "PASS: configured without doxygen, then found it"
