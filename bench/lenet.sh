#!/usr/bin/env bash
# LeNet-5 on 1x28x28 images (batch 64, Adam, float32, 60 000 images): one training epoch and the
# forward-only inference throughput, dlc (bench_lenet) against PyTorch CPU (bench/lenet_torch.py), each at
# its best thread count (1 or 2), and the ratios dlc / PyTorch of the epoch time and of the time per
# inferred image (below 1: dlc is faster). bench_lenet also prints its per-layer profile and the
# convolutions' GFLOP/s next to the SGEMM rate. Run by ./course bench with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/lenet.sh [--epochs N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DLC_BUILD_DIR:-$ROOT/build}"
EPOCHS=1
if [ "${1:-}" = "--epochs" ] && [ -n "${2:-}" ]; then EPOCHS=$2; fi

# The MNIST training images: $DLC_MNIST_DIR, else datasets/mnist, else the shared copy beside the
# repository; without them both sides use the same kind of uniform random inputs.
if [ -z "${DLC_MNIST_DIR:-}" ]; then
  for d in "$ROOT/datasets/mnist" "$ROOT/../shared/datasets/mnist"; do
    if ls "$d"/train-images*idx3-ubyte* >/dev/null 2>&1; then export DLC_MNIST_DIR="$d"; break; fi
  done
fi

BIN="$BUILD/bench/bench_lenet"
[ -x "$BIN" ] || cmake --build "$BUILD" --target bench_lenet >&2
ours=$("$BIN" --epochs "$EPOCHS" --profile)
echo "$ours"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "# PyTorch (python3-torch) is not installed: no comparison"
  exit 0
fi
theirs=$(/usr/bin/python3 "$ROOT/bench/lenet_torch.py" --epochs "$EPOCHS")
echo "$theirs"
read -r ours_threads ours_best ours_infer <<<"$(echo "$ours" | awk '$1 == "dlc_best" {print $2, $3, $4}')"
read -r theirs_threads theirs_best theirs_infer <<<"$(echo "$theirs" | awk '$1 == "torch_best" {print $2, $3, $4}')"
awk -v a="$ours_best" -v b="$theirs_best" -v ta="$ours_threads" -v tb="$theirs_threads" \
    -v ia="$ours_infer" -v ib="$theirs_infer" 'BEGIN {
  printf "%-16s %16s %16s %8s\n", "name", "dlc", "torch", "ratio";
  printf "%-16s %11.3f (%dt) %11.3f (%dt) %8.3f\n", "lenet_epoch_s", a, ta, b, tb, a / b;
  printf "%-16s %16.0f %16.0f %8.3f\n", "lenet_infer_img/s", ia, ib, ib / ia }'
