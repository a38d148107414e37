#!/usr/bin/env bash
# The interpretability lecture's workloads, dlc (bench_interpret) against PyTorch CPU
# (bench/interpret_torch.py) on the same weights, each side at its best thread count (1 or 2):
#   - Grad-CAM + saliency for 1 000 test images through LeNet-5 (images per second),
#   - one style-transfer optimisation step on a 256 x 256 image (seconds),
# and the ratios dlc / PyTorch of the times (below 1: dlc is faster). Run by ./course bench with
# DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/interpret.sh [--steps N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DLC_BUILD_DIR:-$ROOT/build}"
STEPS=10
if [ "${1:-}" = "--steps" ] && [ -n "${2:-}" ]; then STEPS=$2; fi

if [ -z "${DLC_MNIST_DIR:-}" ]; then
  for d in "$ROOT/datasets/mnist" "$ROOT/../shared/datasets/mnist"; do
    if ls "$d"/t10k-images*idx3-ubyte* >/dev/null 2>&1; then export DLC_MNIST_DIR="$d"; break; fi
  done
fi

MODELS=$(mktemp -d)
trap 'rm -rf "$MODELS"' EXIT
BIN="$BUILD/bench/bench_interpret"
[ -x "$BIN" ] || cmake --build "$BUILD" --target bench_interpret >&2
ours=$("$BIN" --models "$MODELS" --steps "$STEPS")
echo "$ours"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "# PyTorch (python3-torch) is not installed: no comparison"
  exit 0
fi
theirs=$(/usr/bin/python3 "$ROOT/bench/interpret_torch.py" --models "$MODELS" --steps "$STEPS")
echo "$theirs"
read -r ot orate os ostep <<<"$(echo "$ours" | awk '$1 == "dlc_best" {print $2, $3, $4, $5}')"
read -r tt trate ts tstep <<<"$(echo "$theirs" | awk '$1 == "torch_best" {print $2, $3, $4, $5}')"
awk -v a="$orate" -v b="$trate" -v ta="$ot" -v tb="$tt" -v c="$ostep" -v d="$tstep" -v tc="$os" -v td="$ts" 'BEGIN {
  printf "%-22s %16s %16s %8s\n", "name", "dlc", "torch", "ratio";
  printf "%-22s %11.1f (%dt) %11.1f (%dt) %8.3f\n", "gradcam+saliency_img/s", a, ta, b, tb, b / a;
  printf "%-22s %11.4f (%dt) %11.4f (%dt) %8.3f\n", "style_step_256_s", c, tc, d, td, c / d }'
