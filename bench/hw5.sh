#!/usr/bin/env bash
# HW5 Q2's training (1 000 points x 100 epochs, per-sample SGD, a = 5, eta = 0.01, the baseline of (d)):
# dlc (bench_hw5, the homework's own code) against the NumPy loop of the homework solution (bench/hw5_numpy.py)
# and PyTorch with autograd, one example per step (bench/hw5_torch.py), on the same data and initial weights,
# with the ratios ours / theirs (below 1: dlc is faster) and the final MSEs (they must agree).
# Run by ./course bench with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/hw5.sh [--epochs N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DLC_BUILD_DIR:-$ROOT/build}"
EPOCHS=100
if [ "${1:-}" = "--epochs" ] && [ -n "${2:-}" ]; then EPOCHS=$2; fi

BIN="$BUILD/bench/bench_hw5"
[ -x "$BIN" ] || cmake --build "$BUILD" --target bench_hw5 >&2
PROBLEM="$(mktemp --suffix=.json)"
trap 'rm -f "$PROBLEM"' EXIT

ours=$("$BIN" --epochs "$EPOCHS" --write "$PROBLEM")
echo "$ours"
numpy=$(/usr/bin/python3 "$ROOT/bench/hw5_numpy.py" "$PROBLEM")
echo "$numpy"
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  torch=$(/usr/bin/python3 "$ROOT/bench/hw5_torch.py" "$PROBLEM")
  echo "$torch"
else
  torch="torch - -"
  echo "# PyTorch (python3-torch) is not installed: no PyTorch column"
fi

t_ours=$(echo "$ours" | awk '$1 == "dlc" {print $2}')
m_ours=$(echo "$ours" | awk '$1 == "dlc" {print $3}')
t_numpy=$(echo "$numpy" | awk '$1 == "numpy_loop" {print $2}')
m_numpy=$(echo "$numpy" | awk '$1 == "numpy_loop" {print $3}')
t_torch=$(echo "$torch" | awk '$1 == "torch" {print $2}')
m_torch=$(echo "$torch" | awk '$1 == "torch" {print $3}')
awk -v a="$t_ours" -v n="$t_numpy" -v t="$t_torch" -v ma="$m_ours" -v mn="$m_numpy" -v mt="$m_torch" 'BEGIN {
  printf "%-16s %10s %10s %10s %10s %10s %8s %8s\n", "name", "dlc_s", "numpy_s", "torch_s", "dlc/numpy", "dlc/torch",
         "numpy/dlc", "torch/dlc";
  if (t == "-") printf "%-16s %10.4f %10.4f %10s %10.4f %10s %8.1f %8s\n", "hw5_q2_sgd", a, n, "-", a / n, "-", n / a, "-";
  else printf "%-16s %10.4f %10.4f %10.4f %10.4f %10.4f %8.1f %8.1f\n", "hw5_q2_sgd", a, n, t, a / n, a / t, n / a, t / a;
  printf "final MSE: dlc %s, numpy %s, torch %s\n", ma, mn, mt }'
