#!/usr/bin/env bash
# k-means benchmark (issue: the skeleton / k-means lecture): seconds per Lloyd iteration on the
# 60,000 x 784 MNIST training images with k = 10, ours (bench_kmeans) against scikit-learn's
# KMeans(algorithm="lloyd", n_init=1) from the same initial centres, measured in the same run.
# Run through ./course bench (which sets DLC_BUILD_DIR and installs python3-sklearn).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="${DLC_BUILD_DIR:-$here/../build}"
if [ -z "${DLC_MNIST_DIR:-}" ]; then
  for d in "$here/../datasets/mnist" "$here/../../shared/datasets/mnist"; do
    [ -d "$d" ] && export DLC_MNIST_DIR="$(cd "$d" && pwd)" && break
  done
fi
ours=$(mktemp) theirs=$(mktemp)
trap 'rm -f "$ours" "$theirs"' EXIT
"$build/bench/bench_kmeans" | tee "$ours"
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import sklearn" 2>/dev/null; then
  /usr/bin/python3 "$here/kmeans_sklearn.py" | tee "$theirs"
  echo
  echo "seconds per Lloyd iteration (median), 60000 x 784, k = 10:"
  awk 'FNR == NR && $1 == "lloyd_iter" { ours[$6] = $7; next }
       $1 == "sklearn" { theirs[$6] = $7 }
       END { printf "%-8s %12s %12s %8s\n", "dtype", "dlc", "sklearn", "ratio";
             for (t in ours) if (t in theirs)
               printf "%-8s %12.5f %12.5f %8.2f\n", t, ours[t], theirs[t], ours[t] / theirs[t] }' "$ours" "$theirs"
else
  echo "scikit-learn is not available to /usr/bin/python3: apt-get install python3-sklearn for the comparison"
fi
