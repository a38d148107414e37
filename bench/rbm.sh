#!/usr/bin/env bash
# One CD-1 epoch of a 784 x 256 Bernoulli RBM on the 60 000 binarized MNIST training images (batch 100, float32):
# dlc (bench_rbm, lib/graphical's CdTrainer) against the same loop in PyTorch CPU (bench/rbm_torch.py), each at its
# best thread count (1 or 2), and the ratio dlc / PyTorch (below 1: dlc is faster). Run by ./course bench with
# DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/rbm.sh [--epochs N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DLC_BUILD_DIR:-$ROOT/build}"
EPOCHS=3
if [ "${1:-}" = "--epochs" ] && [ -n "${2:-}" ]; then EPOCHS=$2; fi

# The MNIST training images: $DLC_MNIST_DIR, else datasets/mnist, else the shared copy beside the
# repository; without them both sides use the same kind of uniform random inputs.
if [ -z "${DLC_MNIST_DIR:-}" ]; then
  for d in "$ROOT/datasets/mnist" "$ROOT/../shared/datasets/mnist"; do
    if ls "$d"/train-images*idx3-ubyte* >/dev/null 2>&1; then export DLC_MNIST_DIR="$d"; break; fi
  done
fi

BIN="$BUILD/bench/bench_rbm"
[ -x "$BIN" ] || cmake --build "$BUILD" --target bench_rbm >&2
ours=$("$BIN" --epochs "$EPOCHS")
echo "$ours"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "# PyTorch (python3-torch) is not installed: no comparison"
  exit 0
fi
theirs=$(/usr/bin/python3 "$ROOT/bench/rbm_torch.py" --epochs "$EPOCHS")
echo "$theirs"
read -r ours_threads ours_best <<<"$(echo "$ours" | awk '$1 == "dlc_best" {print $2, $3}')"
read -r theirs_threads theirs_best <<<"$(echo "$theirs" | awk '$1 == "torch_best" {print $2, $3}')"
awk -v a="$ours_best" -v b="$theirs_best" -v ta="$ours_threads" -v tb="$theirs_threads" 'BEGIN {
  printf "%-12s %14s %14s %8s\n", "name", "dlc_s/epoch", "torch_s/epoch", "ratio";
  printf "%-12s %9.4f (%dt) %9.4f (%dt) %8.3f\n", "rbm_cd1_epoch", a, ta, b, tb, a / b }'
