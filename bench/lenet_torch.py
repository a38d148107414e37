#!/usr/bin/python3
"""PyTorch CPU reference for bench_lenet: LeNet-5 on 1x28x28 images, float32.

Same workload as bench/lenet_bench.cpp: the network (conv 6@5x5 padding 2, ReLU, max-pool 2,
conv 16@5x5, ReLU, max-pool 2, flatten, 400-120-84-10 with ReLUs), 60 000 images (the MNIST
training images, pixels / 255, read with numpy from $DLC_MNIST_DIR, raw or gz, when the files are
there, otherwise uniform random pixels with random labels), minibatches of 64 from a fresh random
permutation each epoch, softmax cross-entropy (mean over the batch), Adam (lr 1e-3) in its
multi-tensor `foreach=True` implementation, default initialization.

Timing: for each thread count (1 and 2, or --threads; torch.set_num_threads and, when torch's BLAS
is OpenBLAS, openblas_set_num_threads), 100 warm-up batches, then --epochs timed epochs (median);
then forward-only inference on the first 10 000 images in batches of 1000 under torch.no_grad()
(best of 3 after a warm-up pass), in images/s.

    /usr/bin/python3 bench/lenet_torch.py [--epochs N] [--threads 1,2] [--uniform]
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

N_POINTS, N_INFER, SIDE, CLASSES, BATCH = 60000, 10000, 28, 10, 64


def lenet5():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(),
        nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, CLASSES))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--uniform", action="store_true")
    args = ap.parse_args()

    X, Y, source = load_mnist_train(N_POINTS, (1, SIDE, SIDE), CLASSES, args.uniform)
    Xinfer = X[:N_INFER].contiguous()
    print(f"# torch {torch.__version__}; data {source}; {N_POINTS} x 1x28x28, batch {BATCH}, LeNet-5, softmax "
          f"cross-entropy, Adam(foreach); median of {args.epochs} epochs after 100 warm-up batches; inference on "
          f"{N_INFER} images in batches of 1000")
    print(f"{'name':<12} {'threads':>7} {'seconds/epoch':>14} {'last_loss':>10} {'infer_img/s':>12}")
    best, best_infer = None, 0.0
    for threads in [int(t) for t in args.threads.split(",")]:
        set_threads(threads)
        torch.manual_seed(0)
        model = lenet5()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
        loss_fn = nn.CrossEntropyLoss()
        gen = torch.Generator().manual_seed(0)
        run_batches(model, opt, loss_fn, X, Y, torch.arange(100 * BATCH), BATCH)  # warm-up
        times, loss = [], 0.0
        for _ in range(args.epochs):
            t0 = time.perf_counter()
            loss = run_batches(model, opt, loss_fn, X, Y, torch.randperm(N_POINTS, generator=gen), BATCH)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        model.eval()
        with torch.no_grad():
            for start in range(0, N_INFER, 1000):
                model(Xinfer[start:start + 1000])
            infer_best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                for start in range(0, N_INFER, 1000):
                    model(Xinfer[start:start + 1000])
                infer_best = min(infer_best, time.perf_counter() - t0)
        infer = N_INFER / infer_best
        print(f"{'torch_epoch':<12} {threads:>7} {med:>14.4f} {loss:>10.4f} {infer:>12.0f}", flush=True)
        if best is None or med < best[1]:
            best = (threads, med)
        best_infer = max(best_infer, infer)
    print(f"{'torch_best':<12} {best[0]:>7} {best[1]:>14.4f} {'':>10} {best_infer:>12.0f}")


if __name__ == "__main__":
    main()
