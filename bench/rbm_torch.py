#!/usr/bin/python3
"""PyTorch CPU reference for bench_rbm: one CD-1 epoch of a 784 x 256 Bernoulli RBM, float32.

Same workload as bench/rbm_bench.cpp: the 60 000 MNIST training images (pixels / 255 from $DLC_MNIST_DIR, raw or
gz, when the files are there, otherwise uniform random pixels) binarized at 0.5; W ~ N(0, 0.01^2) (256 x 784),
hidden biases 0, visible biases the base-rate logits log(p / (1 - p)) of the pixel means (pseudo-count 1);
minibatches of 100 from a fresh random permutation each epoch; CD-1 with the notes' update
    W += alpha (h(x)^T x - h(x_bar)^T x_bar) / B,  b += alpha mean(h(x) - h(x_bar)),  c += alpha mean(x - x_bar),
alpha = 0.1, written as a PyTorch user would write it at its fastest: no autograd (torch.no_grad), addmm for the
affine maps, torch.bernoulli for the samples, in-place addmm_ / add_ for the updates.

Timing: for each thread count (1 and 2, or --threads; torch.set_num_threads and, when torch's BLAS is OpenBLAS,
openblas_set_num_threads), 20 warm-up minibatches, then --epochs timed epochs (median).

    /usr/bin/python3 bench/rbm_torch.py [--epochs N] [--threads 1,2] [--uniform]
"""
import argparse
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_bench_common import load_mnist_train, set_threads  # noqa: E402

N_POINTS, DIM, HIDDEN, BATCH, ALPHA = 60000, 784, 256, 100, 0.1


def cd1_step(W, b, c, x0, gen):
    """One CD-1 update from the rows of x0 (B x D), in place."""
    ph0 = torch.sigmoid(torch.addmm(b, x0, W.t()))       # h(x) = sigma(b + W x), one row per example
    h0 = torch.bernoulli(ph0, generator=gen)
    px1 = torch.sigmoid(torch.addmm(c, h0, W))           # p(x = 1 | h) = sigma(c + W^T h)
    x1 = torch.bernoulli(px1, generator=gen)
    ph1 = torch.sigmoid(torch.addmm(b, x1, W.t()))       # h(x_bar)
    scale = ALPHA / x0.shape[0]
    W.addmm_(ph0.t(), x0, alpha=scale)
    W.addmm_(ph1.t(), x1, alpha=-scale)
    b.add_(ph0.sum(0) - ph1.sum(0), alpha=scale)
    c.add_(x0.sum(0) - x1.sum(0), alpha=scale)


def epoch(W, b, c, X, gen):
    order = torch.randperm(X.shape[0], generator=gen)
    for start in range(0, X.shape[0], BATCH):
        cd1_step(W, b, c, X[order[start:start + BATCH]], gen)


def reconstruction_error(W, b, c, X, gen):
    ph = torch.sigmoid(torch.addmm(b, X, W.t()))
    px = torch.sigmoid(torch.addmm(c, torch.bernoulli(ph, generator=gen), W))
    return float(((X - px) ** 2).sum(1).mean())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--uniform", action="store_true")
    args = ap.parse_args()

    images, _, source = load_mnist_train(N_POINTS, (DIM,), 10, args.uniform)
    X = (images > 0.5).float().contiguous()
    p = (X.sum(0) + 1.0) / (N_POINTS + 2.0)
    base = torch.log(p / (1 - p))
    print(f"# torch {torch.__version__}; data {source}; {N_POINTS} x {DIM} binarized at 0.5, RBM 784 x 256, CD-1, "
          f"batch {BATCH}, alpha {ALPHA}; median of {args.epochs} epochs after 20 warm-up minibatches")
    print(f"{'name':<12} {'threads':>7} {'seconds/epoch':>14} {'recon_err':>12}")
    best = None
    with torch.no_grad():
        for threads in [int(t) for t in args.threads.split(",")]:
            set_threads(threads)
            gen = torch.Generator().manual_seed(0)
            W = (torch.randn(HIDDEN, DIM, generator=gen) * 0.01).contiguous()
            b = torch.zeros(HIDDEN)
            c = base.clone()
            for q in range(20):
                cd1_step(W, b, c, X[q * BATCH:(q + 1) * BATCH], gen)
            times = []
            for _ in range(args.epochs):
                t0 = time.perf_counter()
                epoch(W, b, c, X, gen)
                times.append(time.perf_counter() - t0)
            med = statistics.median(times)
            err = reconstruction_error(W, b, c, X[:2000], gen)
            print(f"{'torch_epoch':<12} {threads:>7} {med:>14.4f} {err:>12.4f}", flush=True)
            if best is None or med < best[1]:
                best = (threads, med)
    print(f"{'torch_best':<12} {best[0]:>7} {best[1]:>14.4f}")


if __name__ == "__main__":
    main()
