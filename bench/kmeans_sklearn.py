#!/usr/bin/python3
"""scikit-learn's Lloyd iteration on the data bench_kmeans uses, for comparison.

Data: the MNIST training images ($DLC_MNIST_DIR/train-images-idx3-ubyte.gz or the uncompressed
train-images-idx3-ubyte, pixels / 255, read with gzip + numpy) when the file exists, otherwise
uniform random numbers in [0, 1) (not the same numbers as bench_kmeans's, same distribution). 60 000 x 784, k = 10, initial centres = the first
10 points, KMeans(algorithm="lloyd", n_init=1, tol=0).

Seconds per iteration = (fit time with max_iter = 1 + N  -  fit time with max_iter = 1) / N: the
difference cancels fit()'s one-time work (validation, copying and centring X, ||x||^2, the final
assignment). Median over --repeats such pairs; "min" is (fastest long fit - fastest short fit) / N, the
least disturbed estimate on a shared machine. Also prints fit time / n_iter_ of the long fit.

    OPENBLAS_CORETYPE=Haswell /usr/bin/python3 bench/kmeans_sklearn.py [--iters N] [--repeats R] [--uniform]
"""
import argparse
import gzip
import os
import statistics
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans

N_POINTS, DIM, K = 60000, 784, 10


def load(force_uniform):
    path = os.path.join(os.environ.get("DLC_MNIST_DIR", ""), "train-images-idx3-ubyte.gz")
    if not os.path.exists(path):
        path = path[:-3]  # the uncompressed file (datasets/mnist holds those)
    if not force_uniform and os.environ.get("DLC_MNIST_DIR") and os.path.exists(path):
        with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as f:
            raw = f.read()
        pixels = np.frombuffer(raw, dtype=np.uint8, offset=16)
        return pixels.reshape(-1, DIM)[:N_POINTS].astype(np.float64) / 255.0, "mnist"
    return np.random.default_rng(0).random((N_POINTS, DIM)), "uniform"


def fit_seconds(X, init, max_iter):
    km = KMeans(n_clusters=K, algorithm="lloyd", n_init=1, max_iter=max_iter, tol=0, init=init)
    t0 = time.perf_counter()
    km.fit(X)
    return time.perf_counter() - t0, km


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iters", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--uniform", action="store_true")
    args = ap.parse_args()

    X64, source = load(args.uniform)
    try:
        from threadpoolctl import threadpool_info
        pools = ", ".join(f"{p['internal_api']}={p['num_threads']}" for p in threadpool_info())
    except ImportError:
        pools = "threadpoolctl not available"
    print(f"# scikit-learn {sklearn.__version__}, numpy {np.__version__}; thread pools: {pools}")
    print(f"# seconds/iter = (fit(max_iter=1+{args.iters}) - fit(max_iter=1)) / {args.iters}, "
          f"median of {args.repeats}; fit/n_iter = long fit time / n_iter_")
    print(f"{'name':<12} {'data':<8} {'n':>6} {'d':>4} {'k':>3} {'dtype':<7} {'seconds/iter':>14} "
          f"{'min':>10} {'fit/n_iter':>12} {'n_iter':>6}")
    for dtype, name in ((np.float32, "float32"), (np.float64, "float64")):
        X = np.ascontiguousarray(X64.astype(dtype))
        init = X[:K].copy()
        fit_seconds(X, init, 2)  # warm-up
        per_iter, per_fit, short, long = [], [], [], []
        for _ in range(args.repeats):
            t1, _ = fit_seconds(X, init, 1)
            tn, km = fit_seconds(X, init, 1 + args.iters)
            per_iter.append((tn - t1) / (km.n_iter_ - 1))
            per_fit.append(tn / km.n_iter_)
            short.append(t1)
            long.append(tn)
        fastest = (min(long) - min(short)) / (km.n_iter_ - 1)
        print(f"{'sklearn':<12} {source:<8} {X.shape[0]:>6} {X.shape[1]:>4} {K:>3} {name:<7} "
              f"{statistics.median(per_iter):>14.6f} {fastest:>10.6f} {statistics.median(per_fit):>12.6f} {km.n_iter_:>6}")


if __name__ == "__main__":
    main()
