#!/usr/bin/env bash
# One training epoch of the 784-400-20 VAE (Bernoulli decoder, batch 128, Adam, float32, 60 000 MNIST images):
# dlc (bench_vae) against PyTorch CPU (bench/vae_torch.py), each at its best thread count (1 or 2),
# and the ratio dlc / PyTorch (below 1: dlc is faster). Run by ./course bench with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/vae.sh [--epochs N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"
EPOCHS=3
if [ "${1:-}" = "--epochs" ] && [ -n "${2:-}" ]; then EPOCHS=$2; fi
find_mnist

ours=$("$(bench_binary bench_vae)" --epochs "$EPOCHS")
echo "$ours"
have_torch || exit 0
theirs=$(/usr/bin/python3 "$ROOT/bench/vae_torch.py" --epochs "$EPOCHS")
echo "$theirs"
compare_best vae_epoch s/epoch "$ours" "$theirs"
