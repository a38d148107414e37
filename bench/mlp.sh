#!/usr/bin/env bash
# One training epoch of a 784-512-512-10 ReLU MLP (batch 64, Adam, float32, 60 000 inputs):
# dlc (bench_mlp) against PyTorch CPU (bench/mlp_torch.py), each at its best thread count (1 or 2),
# and the ratio dlc / PyTorch (below 1: dlc is faster). Run by ./course bench with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/mlp.sh [--epochs N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"
EPOCHS=3
if [ "${1:-}" = "--epochs" ] && [ -n "${2:-}" ]; then EPOCHS=$2; fi
find_mnist

ours=$("$(bench_binary bench_mlp)" --epochs "$EPOCHS")
echo "$ours"
have_torch || exit 0
theirs=$(/usr/bin/python3 "$ROOT/bench/mlp_torch.py" --epochs "$EPOCHS")
echo "$theirs"
compare_best mlp_epoch s/epoch "$ours" "$theirs"
