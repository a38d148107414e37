#!/usr/bin/env bash
# One DCGAN training epoch on MNIST (both players, batch 64, Adam, float32; the GAN lecture's DCGAN): dlc
# (bench_gan) against the same model in PyTorch CPU (bench/gan_torch.py), each at its best thread count (1 or 2),
# in the same run, and the ratio dlc / PyTorch of the epoch time (below 1: dlc is faster). Run by ./course bench
# with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/gan.sh [--epochs N] [--iterations N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DLC_BUILD_DIR:-$ROOT/build}"
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs|--iterations) ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "usage: bench/gan.sh [--epochs N] [--iterations N]" >&2; exit 2 ;;
  esac
done

if [ -z "${DLC_MNIST_DIR:-}" ]; then
  for d in "$ROOT/datasets/mnist" "$ROOT/../shared/datasets/mnist"; do
    if ls "$d"/train-images*idx3-ubyte* >/dev/null 2>&1; then export DLC_MNIST_DIR="$d"; break; fi
  done
fi

BIN="$BUILD/bench/bench_gan"
[ -x "$BIN" ] || cmake --build "$BUILD" --target bench_gan >&2
ours=$("$BIN" "${ARGS[@]}" --profile)
echo "$ours"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "# PyTorch (python3-torch) is not installed: no comparison"
  exit 0
fi
theirs=$(/usr/bin/python3 "$ROOT/bench/gan_torch.py" "${ARGS[@]}")
echo "$theirs"
read -r ours_threads ours_best <<<"$(echo "$ours" | awk '$1 == "dlc_best" {print $2, $3}')"
read -r theirs_threads theirs_best <<<"$(echo "$theirs" | awk '$1 == "torch_best" {print $2, $3}')"
awk -v a="$ours_best" -v b="$theirs_best" -v ta="$ours_threads" -v tb="$theirs_threads" 'BEGIN {
  printf "%-16s %16s %16s %8s\n", "name", "dlc", "torch", "ratio";
  printf "%-16s %11.3f (%dt) %11.3f (%dt) %8.3f\n", "dcgan_epoch_s", a, ta, b, tb, a / b }'
