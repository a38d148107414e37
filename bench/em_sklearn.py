#!/usr/bin/python3
"""scikit-learn's GaussianMixture EM iteration on the data and initial parameters bench_em wrote, for comparison.

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/em_sklearn.py --data DIR [--iters N] [--repeats R]

DIR holds, per case, <case>.shape ("n d k") and raw float64 files <case>_{X,weights,means,covariances}.f64
(bench_em --write-data DIR). Each fit gets those weights, means and precisions (inverse covariances) as its
start, covariance_type="full", reg_covar=1e-6 and tol=0, so it runs exactly max_iter iterations from the
same theta^(0) as bench_em.

Seconds per iteration = (fit time with max_iter = 1 + N  -  fit time with max_iter = 1) / N: the difference
cancels fit()'s one-time work (validation, the initialization pass, the final E-step). Median over --repeats
such pairs. Also prints score(X) (mean log-likelihood per point) after 1 + N iterations, as bench_em does.
"""
import argparse
import os
import statistics
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

CASES = ("n100k_d2_k2", "n100k_d2_k10", "n10k_d50_k10")


def load(directory, name):
    with open(os.path.join(directory, name + ".shape")) as f:
        n, d, k = (int(v) for v in f.read().split())

    def read(part, shape):
        return np.fromfile(os.path.join(directory, f"{name}_{part}.f64"), dtype="<f8").reshape(shape)

    return read("X", (n, d)), read("weights", (k,)), read("means", (k, d)), read("covariances", (k, d, d))


def fit(X, weights, means, precisions, max_iter):
    gm = GaussianMixture(n_components=len(weights), covariance_type="full", weights_init=weights, means_init=means,
                         precisions_init=precisions, reg_covar=1e-6, tol=0.0, max_iter=max_iter, n_init=1,
                         init_params="random_from_data", random_state=0)
    t0 = time.perf_counter()
    gm.fit(X)
    return time.perf_counter() - t0, gm


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--iters", type=int, default=10)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    warnings.simplefilter("ignore", ConvergenceWarning)
    try:
        from threadpoolctl import threadpool_info
        pools = ", ".join(f"{p['internal_api']}={p['num_threads']}" for p in threadpool_info())
    except ImportError:
        pools = "threadpoolctl not available"
    print(f"# scikit-learn {sklearn.__version__}, numpy {np.__version__}; thread pools: {pools}")
    print(f"# seconds/iter = (fit(max_iter=1+{args.iters}) - fit(max_iter=1)) / {args.iters}, median of {args.repeats}")
    print(f"{'side':<8} {'case':<14} {'n':>7} {'d':>3} {'k':>3} {'seconds/iter':>14} {'final_ll/n':>16}")
    for name in CASES:
        X, weights, means, covariances = load(args.data, name)
        precisions = np.linalg.inv(covariances)
        fit(X, weights, means, precisions, 2)  # warm-up
        per_iter = []
        for _ in range(args.repeats):
            t1, _ = fit(X, weights, means, precisions, 1)
            tn, gm = fit(X, weights, means, precisions, 1 + args.iters)
            per_iter.append((tn - t1) / args.iters)
        n, d = X.shape
        print(f"{'sklearn':<8} {name:<14} {n:>7} {d:>3} {len(weights):>3} {statistics.median(per_iter):>14.6f} "
              f"{gm.score(X):>16.10f}", flush=True)


if __name__ == "__main__":
    main()
