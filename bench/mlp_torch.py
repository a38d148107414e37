#!/usr/bin/python3
"""PyTorch CPU reference for bench_mlp: one training epoch of a 784-512-512-10 ReLU MLP.

Same workload as bench/mlp_bench.cpp: 60 000 inputs of 784 floats (the MNIST training images,
pixels / 255, read with numpy from $DLC_MNIST_DIR, raw or gz, when the files are there, otherwise
uniform random numbers in [0, 1) with random labels), labels 0..9, float32, minibatches of 64 drawn
from a fresh random permutation each epoch (the last batch holds the 32 left over), softmax
cross-entropy (mean over the batch), Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8) in its multi-tensor
`foreach=True` implementation (several times faster on CPU than the default in torch 1.13), default
nn.Linear initialization.

Timing: for each thread count (1 and 2, or --threads; torch.set_num_threads and, when torch's BLAS is
OpenBLAS, openblas_set_num_threads), one warm-up epoch then --epochs timed epochs; the median epoch
time is printed per thread count, and the best of them last.

    /usr/bin/python3 bench/mlp_torch.py [--epochs N] [--threads 1,2] [--uniform]
"""
import argparse
import ctypes
import gzip
import os
import statistics
import time

import numpy as np
import torch
from torch import nn

N_POINTS, DIM, HIDDEN, CLASSES, BATCH = 60000, 784, 512, 10, 64


def find_idx(d, name):
    """The IDX file `name` in folder d under the names MNIST is shipped as (raw or gz), or None."""
    dotted = name.replace("-idx", ".idx", 1)
    for candidate in (name, name + ".gz", dotted, dotted + ".gz"):
        path = os.path.join(d, candidate)
        if os.path.isfile(path):
            return path
    return None


def read_idx(path, offset):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load(force_uniform):
    d = os.environ.get("DLC_MNIST_DIR", "")
    images = find_idx(d, "train-images-idx3-ubyte") if d else None
    labels = find_idx(d, "train-labels-idx1-ubyte") if d else None
    if not force_uniform and images and labels:
        x = read_idx(images, 16).reshape(-1, DIM)[:N_POINTS]
        y = read_idx(labels, 8)[:N_POINTS]
        return x.astype(np.float32) / 255.0, y.astype(np.int64), "mnist"
    rng = np.random.default_rng(0)
    return rng.random((N_POINTS, DIM), dtype=np.float32), rng.integers(0, CLASSES, N_POINTS), "uniform"


def set_blas_threads(threads):
    """Gives OpenBLAS (torch's BLAS here, through libblas.so.3) the same thread count, if it is OpenBLAS."""
    try:
        ctypes.CDLL("libblas.so.3").openblas_set_num_threads(threads)
    except (OSError, AttributeError):
        pass


def epoch(model, opt, loss_fn, X, Y, gen):
    perm = torch.randperm(X.shape[0], generator=gen)
    total = 0.0
    for start in range(0, X.shape[0], BATCH):
        idx = perm[start:start + BATCH]
        xb, yb = X[idx], Y[idx]
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item() * idx.shape[0]
    return total / X.shape[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--uniform", action="store_true")
    args = ap.parse_args()

    x, y, source = load(args.uniform)
    X, Y = torch.from_numpy(np.ascontiguousarray(x)), torch.from_numpy(np.ascontiguousarray(y))
    print(f"# torch {torch.__version__}; data {source}; {N_POINTS} x {DIM}, batch {BATCH}, "
          f"784-512-512-10 ReLU, softmax cross-entropy, Adam(foreach); median of {args.epochs} epochs after 1 warm-up")
    print(f"{'name':<12} {'threads':>7} {'seconds/epoch':>14} {'last_loss':>10}")
    best = None
    for threads in [int(t) for t in args.threads.split(",")]:
        torch.set_num_threads(threads)
        set_blas_threads(threads)
        torch.manual_seed(0)
        model = nn.Sequential(nn.Linear(DIM, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
                              nn.Linear(HIDDEN, CLASSES))
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
        loss_fn = nn.CrossEntropyLoss()
        gen = torch.Generator().manual_seed(0)
        epoch(model, opt, loss_fn, X, Y, gen)  # warm-up
        times, loss = [], 0.0
        for _ in range(args.epochs):
            t0 = time.perf_counter()
            loss = epoch(model, opt, loss_fn, X, Y, gen)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        print(f"{'torch_epoch':<12} {threads:>7} {med:>14.4f} {loss:>10.4f}", flush=True)
        if best is None or med < best[1]:
            best = (threads, med)
    print(f"{'torch_best':<12} {best[0]:>7} {best[1]:>14.4f}")


if __name__ == "__main__":
    main()
