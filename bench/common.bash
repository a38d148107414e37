# What the bench/*.sh scripts share (sourced, never run: ./course bench runs bench/*.sh only).
#   source "$(dirname "${BASH_SOURCE[0]}")/common.bash"
# sets ROOT (the repository) and BUILD ($DLC_BUILD_DIR or build/), and defines:
#   find_mnist            export DLC_MNIST_DIR: $DLC_MNIST_DIR, else datasets/mnist, else ../shared/datasets/mnist
#                         (without MNIST both sides of a benchmark use the same kind of uniform random inputs)
#   bench_binary NAME     the path of build/bench/NAME, built first if it is missing
#   have_torch            true when /usr/bin/python3 has PyTorch; otherwise says so (the script then stops)
#   compare_best LABEL UNIT OURS THEIRS [PEER]
#                         the table of one benchmark from the lines "dlc_best THREADS VALUE" of OURS and
#                         "PEER_best THREADS VALUE" of THEIRS (PEER: torch unless given, e.g. numpy): both values
#                         and the ratio dlc / peer
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DLC_BUILD_DIR:-$ROOT/build}"

find_mnist() {
  [ -n "${DLC_MNIST_DIR:-}" ] && return 0
  local d
  for d in "$ROOT/datasets/mnist" "$ROOT/../shared/datasets/mnist"; do
    if ls "$d"/train-images*idx3-ubyte* >/dev/null 2>&1; then export DLC_MNIST_DIR="$d"; return 0; fi
  done
}

bench_binary() {
  local bin="$BUILD/bench/$1"
  [ -x "$bin" ] || cmake --build "$BUILD" --target "$1" >&2
  echo "$bin"
}

have_torch() {
  /usr/bin/python3 -c "import torch" 2>/dev/null && return 0
  echo "# PyTorch (python3-torch) is not installed: no comparison"
  return 1
}

compare_best() {
  local label=$1 unit=$2 ours=$3 theirs=$4 peer=${5:-torch} ta a tb b
  read -r ta a <<<"$(echo "$ours" | awk '$1 == "dlc_best" {print $2, $3}')"
  read -r tb b <<<"$(echo "$theirs" | awk -v p="${peer}_best" '$1 == p {print $2, $3}')"
  awk -v n="$label" -v u="$unit" -v a="$a" -v b="$b" -v ta="$ta" -v tb="$tb" -v p="$peer" 'BEGIN {
    printf "%-14s %14s %14s %8s\n", "name", "dlc_" u, p "_" u, "ratio";
    printf "%-14s %9.4f (%dt) %9.4f (%dt) %8.3f\n", n, a, ta, b, tb, a / b }'
}
