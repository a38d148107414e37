#!/usr/bin/env bash
# The adversarial lecture's workload, dlc (bench_adversarial) against PyTorch CPU (bench/adversarial_torch.py) on the
# same weights: PGD-10 (L-infinity, eps 0.1, alpha 0.01, no random start, no early stopping) over the 10 000 MNIST
# test images through LeNet-5, batches of 500, float32, each side at its best thread count (1 or 2), and the ratio
# dlc / PyTorch of the times (below 1: dlc is faster). Run by ./course bench with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/adversarial.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"
find_mnist

MODELS=$(mktemp -d)
trap 'rm -rf "$MODELS"' EXIT
bin="$(bench_binary bench_adversarial)"
ours=$("$bin" --models "$MODELS")
echo "$ours"
have_torch || exit 0
theirs=$(/usr/bin/python3 "$ROOT/bench/adversarial_torch.py" --models "$MODELS")
echo "$theirs"
compare_best pgd10_lenet5_10k s "$ours" "$theirs"
