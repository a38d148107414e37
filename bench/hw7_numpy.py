#!/usr/bin/python3
"""NumPy reference for bench_hw7 --part q1: one training epoch of homework 7's k-means network, vectorised in NumPy
float32 with the backward pass written by hand.

Same workload as bench/hw7_torch.py --part q1: the 60 000 MNIST training images as rows of 784 pixels / 255 (read
with numpy from $DLC_MNIST_DIR, raw or gz, when the files are there, otherwise uniform random pixels in [0, 1) from
default_rng(0); --uniform forces it), k = 10 centres starting at the first image of each digit label (the first 10
images with uniform data), minibatches of 64 from a fresh random permutation each epoch (the last one holds the 32
left over). Per batch X (b x 784), with C the centres:
  forward   V = X C^T - 1/2 sum(C^2, 1), S = softmax(20 V), E = S C - X, loss = mean(E^2) (nn.MSELoss against 0);
  backward  dE = 2 E / (b 784); dC = S^T dE; dS = dE C^T; dA = S (dS - sum(dS S, 1)); dV = 20 dA;
            dC += dV^T X - sum(dV, 0)[:, None] C;
  step      C -= 4.5 dC (SGD, lr = eta = 4.5).
Before timing, the hand-written gradient is checked once against central finite differences in float64 on a small
random case (3 points, 5 pixels, 4 centres); the relative error is printed on a '#' line.

Timing: for each OpenBLAS thread count (--threads, default 1,2, set through openblas_set_num_threads), one warm-up
epoch then --epochs timed epochs (default 3); the median epoch time per count, then "numpy_best THREADS SECONDS".

    /usr/bin/python3 bench/hw7_numpy.py [--epochs N] [--uniform]
"""
import argparse
import ctypes
import gzip
import os
import statistics
import time

import numpy as np

N_POINTS, DIM, K, BATCH, BETA, ETA = 60000, 784, 10, 64, 20.0, 4.5


def find_idx(d, name):
    dotted = name.replace("-idx", ".idx", 1)
    for candidate in (name, name + ".gz", dotted, dotted + ".gz"):
        path = os.path.join(d, candidate)
        if os.path.isfile(path):
            return path
    return None


def read_idx(path, offset):
    with (gzip.open if path.endswith(".gz") else open)(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load(force_uniform):
    """(X float32 N x 784, initial centres K x 784, source)."""
    d = os.environ.get("DLC_MNIST_DIR", "")
    images = find_idx(d, "train-images-idx3-ubyte") if d else None
    labels = find_idx(d, "train-labels-idx1-ubyte") if d else None
    if not force_uniform and images and labels:
        X = read_idx(images, 16).reshape(-1, DIM)[:N_POINTS].astype(np.float32) / np.float32(255.0)
        y = read_idx(labels, 8)[:N_POINTS]
        first = [int(np.flatnonzero(y == i)[0]) for i in range(K)]
        return X, X[first].copy(), "mnist"
    X = np.random.default_rng(0).random((N_POINTS, DIM), dtype=np.float32)
    return X, X[:K].copy(), "uniform"


def loss_and_grad(X, C):
    """The batch loss mean(E^2) and its gradient with respect to C, in the dtype of X and C."""
    b, d = X.shape
    V = X @ C.T - 0.5 * np.sum(C * C, axis=1)
    A = BETA * V
    S = np.exp(A - A.max(axis=1, keepdims=True))
    S /= S.sum(axis=1, keepdims=True)
    E = S @ C - X
    dE = (2.0 / (b * d)) * E
    dC = S.T @ dE
    dS = dE @ C.T
    dV = BETA * (S * (dS - np.sum(dS * S, axis=1, keepdims=True)))
    dC += dV.T @ X - dV.sum(axis=0)[:, None] * C
    return np.mean(E * E), dC


def check_gradient():
    """Largest |analytic - central difference| / largest |gradient| on a small float64 case."""
    rng = np.random.default_rng(1)
    X, C = rng.random((3, 5)), rng.random((4, 5))
    _, g = loss_and_grad(X, C)
    num, h = np.zeros_like(C), 1e-6
    for idx in np.ndindex(*C.shape):
        Cp, Cm = C.copy(), C.copy()
        Cp[idx] += h
        Cm[idx] -= h
        num[idx] = (loss_and_grad(X, Cp)[0] - loss_and_grad(X, Cm)[0]) / (2 * h)
    return np.max(np.abs(g - num)) / np.max(np.abs(num))


def epoch(X, C, rng):
    order = rng.permutation(X.shape[0])
    total = 0.0
    eta = np.float32(ETA)
    for start in range(0, X.shape[0], BATCH):
        xb = X[order[start:start + BATCH]]
        loss, dC = loss_and_grad(xb, C)
        C -= eta * dC
        total += float(loss) * xb.shape[0]
    return total / X.shape[0]


def set_blas_threads(n):
    """OpenBLAS's thread count for NumPy's matrix products; False when the BLAS is not OpenBLAS."""
    try:
        ctypes.CDLL("libblas.so.3").openblas_set_num_threads(n)
        return True
    except (OSError, AttributeError):
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--uniform", action="store_true")
    ap.add_argument("--threads", default="1,2")
    args = ap.parse_args()

    X, C0, source = load(args.uniform)
    rel = check_gradient()
    counts = [int(t) for t in args.threads.split(",") if t]
    if not set_blas_threads(counts[0]):
        counts = [0]  # not OpenBLAS: one run at the default, labelled 0
    print(f"# numpy {np.__version__}; data {source}; {N_POINTS} x {DIM}, "
          f"batch {BATCH}, HW7 q1: k-means network k={K}, beta {BETA:g}, SGD lr {ETA:g}, float32, hand-written "
          f"backward; OpenBLAS threads {args.threads}; median of {args.epochs} epochs after 1 warm-up")
    print(f"# gradient check (float64, 3 x 5, k = 4) against central differences: relative error {rel:.2e}")
    print(f"{'name':<12} {'threads':>7} {'seconds/epoch':>14} {'last_loss':>10}")
    best = None
    for t in counts:
        if t:
            set_blas_threads(t)
        C = C0.copy()
        rng = np.random.default_rng(0)
        epoch(X, C, rng)  # warm-up
        times, loss = [], 0.0
        for _ in range(args.epochs):
            t0 = time.perf_counter()
            loss = epoch(X, C, rng)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        print(f"{'numpy_q1':<12} {t:>7} {med:>14.4f} {loss:>10.6f}", flush=True)
        if best is None or med < best[1]:
            best = (t, med)
    print(f"{'numpy_best':<12} {best[0]:>7} {best[1]:>14.4f}")


if __name__ == "__main__":
    main()
