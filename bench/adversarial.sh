#!/usr/bin/env bash
# The adversarial lecture's workload, dlc (bench_adversarial) against PyTorch CPU (bench/adversarial_torch.py) on the
# same weights: PGD-10 (L-infinity, eps 0.1, alpha 0.01, no random start, no early stopping) over the 10 000 MNIST
# test images through LeNet-5, batches of 500, float32, each side at its best thread count (1 or 2), and the ratio
# dlc / PyTorch of the times (below 1: dlc is faster). Run by ./course bench with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/adversarial.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DLC_BUILD_DIR:-$ROOT/build}"

if [ -z "${DLC_MNIST_DIR:-}" ]; then
  for d in "$ROOT/datasets/mnist" "$ROOT/../shared/datasets/mnist"; do
    if ls "$d"/t10k-images*idx3-ubyte* >/dev/null 2>&1; then export DLC_MNIST_DIR="$d"; break; fi
  done
fi

MODELS=$(mktemp -d)
trap 'rm -rf "$MODELS"' EXIT
BIN="$BUILD/bench/bench_adversarial"
[ -x "$BIN" ] || cmake --build "$BUILD" --target bench_adversarial >&2
ours=$("$BIN" --models "$MODELS")
echo "$ours"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "# PyTorch (python3-torch) is not installed: no comparison"
  exit 0
fi
theirs=$(/usr/bin/python3 "$ROOT/bench/adversarial_torch.py" --models "$MODELS")
echo "$theirs"
read -r ot os <<<"$(echo "$ours" | awk '$1 == "dlc_best" {print $2, $3}')"
read -r tt ts <<<"$(echo "$theirs" | awk '$1 == "torch_best" {print $2, $3}')"
awk -v a="$os" -v b="$ts" -v ta="$ot" -v tb="$tt" 'BEGIN {
  printf "%-22s %16s %16s %8s\n", "name", "dlc", "torch", "ratio";
  printf "%-22s %11.3f (%dt) %11.3f (%dt) %8.3f\n", "pgd10_lenet5_10k_s", a, ta, b, tb, a / b }'
