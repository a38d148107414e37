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
import os
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_bench_common import load_mnist_train, run_batches, set_threads  # noqa: E402

N_POINTS, DIM, HIDDEN, CLASSES, BATCH = 60000, 784, 512, 10, 64


def epoch(model, opt, loss_fn, X, Y, gen):
    return run_batches(model, opt, loss_fn, X, Y, torch.randperm(X.shape[0], generator=gen), BATCH)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--uniform", action="store_true")
    args = ap.parse_args()

    X, Y, source = load_mnist_train(N_POINTS, (DIM,), CLASSES, args.uniform)
    print(f"# torch {torch.__version__}; data {source}; {N_POINTS} x {DIM}, batch {BATCH}, "
          f"784-512-512-10 ReLU, softmax cross-entropy, Adam(foreach); median of {args.epochs} epochs after 1 warm-up")
    print(f"{'name':<12} {'threads':>7} {'seconds/epoch':>14} {'last_loss':>10}")
    best = None
    for threads in [int(t) for t in args.threads.split(",")]:
        set_threads(threads)
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
