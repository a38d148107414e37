#!/usr/bin/python3
"""PyTorch CPU reference for bench_vae: one training epoch of the 784-400-20 VAE of PyTorch's VAE example.

Same workload as bench/vae_bench.cpp: the 60 000 MNIST training images as rows of 784 floats (pixels / 255, read with
numpy from $DLC_MNIST_DIR, raw or gz, when the files are there, otherwise uniform random numbers in [0, 1)), float32,
minibatches of 128 drawn from a fresh random permutation each epoch (the last batch holds the 96 left over). The model:
encoder Linear(784, 400), ReLU, Linear(400, 40) giving [mu | log sigma^2]; z = mu + exp(logvar / 2) eps; decoder
Linear(20, 400), ReLU, Linear(400, 784) giving logits; loss = sum over the batch of BCE-with-logits + the closed-form KL;
Adam (lr 1e-3) in its multi-tensor `foreach=True` implementation (the fastest here, as for bench/mlp_torch.py). The
weights are initialized as in dlc (Kaiming normal, zero biases); the time does not depend on it.

Timing: for each thread count (1 and 2, or --threads), one warm-up epoch then --epochs timed epochs; the median epoch
time is printed per thread count, and the best of them last.

    /usr/bin/python3 bench/vae_torch.py [--epochs N] [--threads 1,2] [--uniform]
"""
import argparse
import math
import os
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_bench_common import load_mnist_train, set_threads  # noqa: E402

N_POINTS, DIM, HIDDEN, LATENT, BATCH = 60000, 784, 400, 20, 128


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1, self.enc2 = nn.Linear(DIM, HIDDEN), nn.Linear(HIDDEN, 2 * LATENT)
        self.dec1, self.dec2 = nn.Linear(LATENT, HIDDEN), nn.Linear(HIDDEN, DIM)
        for layer in (self.enc1, self.enc2, self.dec1, self.dec2):
            nn.init.normal_(layer.weight, 0.0, math.sqrt(2.0 / layer.in_features))
            nn.init.zeros_(layer.bias)

    def loss(self, x):
        h = self.enc2(torch.relu(self.enc1(x)))
        mu, logvar = h[:, :LATENT], h[:, LATENT:]
        z = mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)
        logits = self.dec2(torch.relu(self.dec1(z)))
        rec = nn.functional.binary_cross_entropy_with_logits(logits, x, reduction="sum")
        kl = 0.5 * torch.sum(mu * mu + torch.exp(logvar) - 1 - logvar)
        return rec + kl


def epoch(model, opt, X, gen):
    order = torch.randperm(X.shape[0], generator=gen)
    total = 0.0
    for start in range(0, X.shape[0], BATCH):
        xb = X[order[start:start + BATCH]]
        opt.zero_grad()
        loss = model.loss(xb)
        loss.backward()
        opt.step()
        total += loss.item()
    return total / X.shape[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--uniform", action="store_true")
    args = ap.parse_args()

    X, _, source = load_mnist_train(N_POINTS, (DIM,), 10, args.uniform)
    print(f"# torch {torch.__version__}; data {source}; {N_POINTS} x {DIM}, batch {BATCH}, VAE 784-400-20, "
          f"BCE + KL, Adam(foreach); median of {args.epochs} epochs after 1 warm-up")
    print(f"{'name':<12} {'threads':>7} {'seconds/epoch':>14} {'last_loss':>10}")
    best = None
    for threads in [int(t) for t in args.threads.split(",")]:
        set_threads(threads)
        torch.manual_seed(0)
        model = Vae()
        opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
        gen = torch.Generator().manual_seed(0)
        epoch(model, opt, X, gen)  # warm-up
        times, loss = [], 0.0
        for _ in range(args.epochs):
            t0 = time.perf_counter()
            loss = epoch(model, opt, X, gen)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        print(f"{'torch_epoch':<12} {threads:>7} {med:>14.4f} {loss:>10.4f}", flush=True)
        if best is None or med < best[1]:
            best = (threads, med)
    print(f"{'torch_best':<12} {best[0]:>7} {best[1]:>14.4f}")


if __name__ == "__main__":
    main()
