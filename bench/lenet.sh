#!/usr/bin/env bash
# LeNet-5 on 1x28x28 images (batch 64, Adam, float32, 60 000 images): one training epoch and the
# forward-only inference throughput, dlc (bench_lenet) against PyTorch CPU (bench/lenet_torch.py), each at
# its best thread count (1 or 2), and the ratios dlc / PyTorch of the epoch time and of the time per
# inferred image (below 1: dlc is faster). bench_lenet also prints its per-layer profile and the
# convolutions' GFLOP/s next to the SGEMM rate. Run by ./course bench with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/lenet.sh [--epochs N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"
EPOCHS=1
if [ "${1:-}" = "--epochs" ] && [ -n "${2:-}" ]; then EPOCHS=$2; fi

find_mnist
ours=$("$(bench_binary bench_lenet)" --epochs "$EPOCHS" --profile)
echo "$ours"
have_torch || exit 0
theirs=$(/usr/bin/python3 "$ROOT/bench/lenet_torch.py" --epochs "$EPOCHS")
echo "$theirs"
read -r ours_threads ours_best ours_infer <<<"$(echo "$ours" | awk '$1 == "dlc_best" {print $2, $3, $4}')"
read -r theirs_threads theirs_best theirs_infer <<<"$(echo "$theirs" | awk '$1 == "torch_best" {print $2, $3, $4}')"
awk -v a="$ours_best" -v b="$theirs_best" -v ta="$ours_threads" -v tb="$theirs_threads" \
    -v ia="$ours_infer" -v ib="$theirs_infer" 'BEGIN {
  printf "%-16s %16s %16s %8s\n", "name", "dlc", "torch", "ratio";
  printf "%-16s %11.3f (%dt) %11.3f (%dt) %8.3f\n", "lenet_epoch_s", a, ta, b, tb, a / b;
  printf "%-16s %16.0f %16.0f %8.3f\n", "lenet_infer_img/s", ia, ib, ib / ia }'
