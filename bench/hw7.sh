#!/usr/bin/env bash
# Homework 7, one training epoch on the 60 000 MNIST images (batch 64, float32, MSELoss against zeros, SGD):
#   q1  the k-means network (k = 10, beta 20, eta 4.5): dlc (bench_hw7 --part q1) against PyTorch CPU
#       (bench/hw7_torch.py, the homework's nn.Module) and NumPy with a hand-written backward (bench/hw7_numpy.py);
#   q2  the autoencoder (LeNet-5 encoder, the homework's decoder, dropout 0.1, lr 0.1): dlc against PyTorch CPU.
# Each at its best thread count (1 or 2; NumPy through OpenBLAS's thread count), with the ratios dlc / PyTorch and dlc / NumPy
# (below 1: dlc is faster). Run by ./course bench with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/hw7.sh [--epochs N]     (N timed epochs for both parts; default 3 for q1, 1 for q2)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.bash"
EPOCHS_Q1=3
EPOCHS_Q2=1
if [ "${1:-}" = "--epochs" ] && [ -n "${2:-}" ]; then EPOCHS_Q1=$2; EPOCHS_Q2=$2; fi
find_mnist

torch=1
have_torch || torch=0
bin="$(bench_binary bench_hw7)"

ours=$("$bin" --part q1 --epochs "$EPOCHS_Q1")
echo "$ours"
if [ "$torch" = 1 ]; then
  theirs=$(/usr/bin/python3 "$ROOT/bench/hw7_torch.py" --part q1 --epochs "$EPOCHS_Q1")
  echo "$theirs"
fi
numpy=$(/usr/bin/python3 "$ROOT/bench/hw7_numpy.py" --epochs "$EPOCHS_Q1")
echo "$numpy"
[ "$torch" = 1 ] && compare_best hw7_q1_epoch s/epoch "$ours" "$theirs"
compare_best hw7_q1_epoch s/epoch "$ours" "$numpy" numpy

ours=$("$bin" --part q2 --epochs "$EPOCHS_Q2")
echo "$ours"
[ "$torch" = 1 ] || exit 0
theirs=$(/usr/bin/python3 "$ROOT/bench/hw7_torch.py" --part q2 --epochs "$EPOCHS_Q2")
echo "$theirs"
compare_best hw7_q2_epoch s/epoch "$ours" "$theirs"
