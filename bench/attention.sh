#!/usr/bin/env bash
# Transformer benchmarks, float32, steps per second: one encoder block (d = 64, 4 heads, d_ff = 256, T = 128, batch 32,
# forward + backward) post-LN against PyTorch's nn.TransformerEncoderLayer and pre-LN against a hand-written PyTorch
# pre-LN block, and the attention lecture's character-transformer training step against the same model in PyTorch;
# dlc (bench_attention) and PyTorch (bench/attention_torch.py) each at its best thread count (1 or 2), in the same run;
# the ratio dlc / PyTorch of the steps per second (above 1: dlc is faster). Run by ./course bench with DLC_BUILD_DIR set.
#
#   DLC_BUILD_DIR=build bash bench/attention.sh [--steps N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DLC_BUILD_DIR:-$ROOT/build}"
STEPS=40
if [ "${1:-}" = "--steps" ] && [ -n "${2:-}" ]; then STEPS=$2; fi

BIN="$BUILD/bench/bench_attention"
[ -x "$BIN" ] || cmake --build "$BUILD" --target bench_attention >&2
ours=$("$BIN" --steps "$STEPS")
echo "$ours"
if ! /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "# PyTorch (python3-torch) is not installed: no comparison"
  exit 0
fi
theirs=$(/usr/bin/python3 "$ROOT/bench/attention_torch.py" --steps "$STEPS")
echo "$theirs"
printf "%-16s %16s %16s %8s\n" "name" "dlc" "torch" "ratio"
for name in encoder_post encoder_pre char_step; do
  read -r ta a <<<"$(echo "$ours" | awk -v n="$name" '$1 == "dlc_best" && $2 == n {print $3, $4}')"
  read -r tb b <<<"$(echo "$theirs" | awk -v n="$name" '$1 == "torch_best" && $2 == n {print $3, $4}')"
  awk -v n="$name" -v a="$a" -v b="$b" -v ta="$ta" -v tb="$tb" 'BEGIN {
    printf "%-16s %11.2f (%dt) %11.2f (%dt) %8.3f\n", n "_steps/s", a, ta, b, tb, (b > 0 ? a / b : 0) }'
done
