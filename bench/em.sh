#!/usr/bin/env bash
# EM benchmark (issue 5, the EM lecture): seconds per EM iteration of a full-covariance Gaussian mixture on
# 100 000 x 2 (k = 2 and 10) and 10 000 x 50 (k = 10), dlc (bench_em) against scikit-learn's GaussianMixture
# (bench/em_sklearn.py), on the same data from the same theta^(0), measured in the same run at the same thread
# count: DLC_BENCH_THREADS (default 1) for OpenBLAS and OpenMP on both sides. OPENBLAS_CORETYPE is taken from
# the environment. Prints a table with the ratio dlc / sklearn (below 1: dlc is faster) and both final mean
# log-likelihoods (they agree when both computed the same iterates).
#
#   DLC_BUILD_DIR=build bash bench/em.sh [--iters N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${DLC_BUILD_DIR:-$ROOT/build}"
ITERS=10
if [ "${1:-}" = "--iters" ] && [ -n "${2:-}" ]; then ITERS=$2; fi
THREADS="${DLC_BENCH_THREADS:-1}"
export OPENBLAS_NUM_THREADS="$THREADS" OMP_NUM_THREADS="$THREADS" MKL_NUM_THREADS="$THREADS"

BIN="$BUILD/bench/bench_em"
[ -x "$BIN" ] || cmake --build "$BUILD" --target bench_em >&2
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
echo "# threads: $THREADS (OPENBLAS_NUM_THREADS = OMP_NUM_THREADS), OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
ours=$("$BIN" --iters "$ITERS" --write-data "$data")
echo "$ours"
if ! /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
  echo "# scikit-learn (python3-sklearn) is not available to /usr/bin/python3: no comparison"
  exit 0
fi
theirs=$(/usr/bin/python3 "$ROOT/bench/em_sklearn.py" --data "$data" --iters "$ITERS")
echo "$theirs"
echo
echo "seconds per EM iteration (median), full covariances, float64, $THREADS thread(s):"
printf '%s\n%s\n' "$ours" "$theirs" | awk '
  $1 == "dlc" { ours[$2] = $6; ll_ours[$2] = $7; shape[$2] = $3 " x " $4 ", k = " $5; order[++m] = $2 }
  $1 == "sklearn" { theirs[$2] = $6; ll_theirs[$2] = $7 }
  END {
    printf "%-14s %-22s %12s %12s %8s %16s %16s\n", "case", "n x d, k", "dlc", "sklearn", "ratio", "dlc ll/n", "sklearn ll/n"
    for (i = 1; i <= m; ++i) {
      c = order[i]
      if (c in theirs)
        printf "%-14s %-22s %12.5f %12.5f %8.3f %16.10f %16.10f\n", c, shape[c], ours[c], theirs[c], ours[c] / theirs[c], ll_ours[c], ll_theirs[c]
    }
  }'
