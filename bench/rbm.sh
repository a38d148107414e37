#!/usr/bin/env bash
# One CD-1 epoch of a 784 x 256 Bernoulli RBM on the 60 000 binarized MNIST training images (batch 100, float32):
# dlc (bench_rbm, lib/graphical's CdTrainer) against the same loop in PyTorch CPU (bench/rbm_torch.py), each at its
# best thread count (1 or 2), and the ratio dlc / PyTorch (below 1: dlc is faster). Run by ./course bench with
# DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/rbm.sh [--epochs N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"
EPOCHS=3
if [ "${1:-}" = "--epochs" ] && [ -n "${2:-}" ]; then EPOCHS=$2; fi
find_mnist

ours=$("$(bench_binary bench_rbm)" --epochs "$EPOCHS")
echo "$ours"
have_torch || exit 0
theirs=$(/usr/bin/python3 "$ROOT/bench/rbm_torch.py" --epochs "$EPOCHS")
echo "$theirs"
compare_best rbm_cd1_epoch s/epoch "$ours" "$theirs"
