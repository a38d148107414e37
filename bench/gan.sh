#!/usr/bin/env bash
# One DCGAN training epoch on MNIST (both players, batch 64, Adam, float32; the GAN lecture's DCGAN): dlc
# (bench_gan) against the same model in PyTorch CPU (bench/gan_torch.py), each at its best thread count (1 or 2),
# in the same run, and the ratio dlc / PyTorch of the epoch time (below 1: dlc is faster). Run by ./course bench
# with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/gan.sh [--epochs N] [--iterations N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs|--iterations) ARGS+=("$1" "$2"); shift 2 ;;
    *) echo "usage: bench/gan.sh [--epochs N] [--iterations N]" >&2; exit 2 ;;
  esac
done

find_mnist
ours=$("$(bench_binary bench_gan)" "${ARGS[@]}" --profile)
echo "$ours"
have_torch || exit 0
theirs=$(/usr/bin/python3 "$ROOT/bench/gan_torch.py" "${ARGS[@]}")
echo "$theirs"
compare_best dcgan_epoch s/epoch "$ours" "$theirs"
