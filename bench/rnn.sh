#!/usr/bin/env bash
# Character LSTM training (vocabulary 65, hidden 128, T = 64, batch 32, Adam, float32): training steps per second,
# dlc (bench_rnn) against PyTorch's nn.LSTM (bench/rnn_torch.py), each at its best thread count (1 or 2), and the
# ratio dlc / PyTorch of the steps per second (above 1: dlc is faster); bench_rnn also prints the share of its
# step spent in GEMMs. Run by ./course bench with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/rnn.sh [--steps N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DLC_BUILD_DIR:-$ROOT/build}"
STEPS=200
if [ "${1:-}" = "--steps" ] && [ -n "${2:-}" ]; then STEPS=$2; fi

BIN="$BUILD/bench/bench_rnn"
[ -x "$BIN" ] || cmake --build "$BUILD" --target bench_rnn >&2
ours=$("$BIN" --steps "$STEPS")
echo "$ours"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "# PyTorch (python3-torch) is not installed: no comparison"
  exit 0
fi
theirs=$(/usr/bin/python3 "$ROOT/bench/rnn_torch.py" --steps "$STEPS")
echo "$theirs"
read -r ours_threads ours_best <<<"$(echo "$ours" | awk '$1 == "dlc_best" {print $2, $3}')"
read -r theirs_threads theirs_best <<<"$(echo "$theirs" | awk '$1 == "torch_best" {print $2, $3}')"
awk -v a="$ours_best" -v b="$theirs_best" -v ta="$ours_threads" -v tb="$theirs_threads" 'BEGIN {
  printf "%-16s %16s %16s %8s\n", "name", "dlc", "torch", "ratio";
  printf "%-16s %11.2f (%dt) %11.2f (%dt) %8.3f\n", "char_lstm_steps/s", a, ta, b, tb, a / b }'
