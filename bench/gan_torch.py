#!/usr/bin/python3
"""PyTorch CPU reference for bench_gan: one DCGAN training epoch on MNIST, both players, float32.

Same workload as bench/gan_bench.cpp and the GAN lecture's DCGAN (lib/gan/players.hpp, width w = 32, latent 64):
  G: Linear(64 -> 2w*7*7, no bias), Unflatten(2w, 7, 7), BatchNorm2d(2w), ReLU,
     ConvTranspose2d(2w -> w, 4, stride 2, padding 1, no bias), BatchNorm2d(w), ReLU,
     ConvTranspose2d(w -> 1, 4, stride 2, padding 1), Tanh
  D: Conv2d(1 -> w, 4, stride 2, padding 1), LeakyReLU(0.2), Conv2d(w -> 2w, 4, stride 2, padding 1, no bias),
     BatchNorm2d(2w), LeakyReLU(0.2), Flatten, Linear(2w*7*7 -> 1)
weights N(0, 0.02^2), biases 0. Data: the 60 000 MNIST training images scaled to [-1, 1] (uniform random pixels
without the files). One iteration per batch of 64 real images from a fresh permutation (937 per epoch): the
discriminator step (G(z1) without a graph, D on the real and on the generated batch in two passes, BCE with logits,
Adam) and the generator step on new noise z2 (non-saturating loss through D, Adam); Adam(lr 2e-4, betas (0.5,
0.999), foreach=True) for both players.

Timing: for each thread count (1 and 2, or --threads; torch.set_num_threads and OpenBLAS's), 20 warm-up iterations,
then --epochs timed epochs (median), or --iterations N iterations scaled to an epoch.

    /usr/bin/python3 bench/gan_torch.py [--epochs N] [--iterations N] [--threads 1,2] [--uniform]
"""
import argparse
import os
import statistics
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_bench_common import load_mnist_train, set_threads  # noqa: E402

N_POINTS, SIDE, BATCH, LATENT, WIDTH = 60000, 28, 64, 64, 32
PER_EPOCH = N_POINTS // BATCH


def players(w=WIDTH, nz=LATENT):
    G = nn.Sequential(
        nn.Linear(nz, 2 * w * 49, bias=False), nn.Unflatten(1, (2 * w, 7, 7)), nn.BatchNorm2d(2 * w), nn.ReLU(),
        nn.ConvTranspose2d(2 * w, w, 4, 2, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU(),
        nn.ConvTranspose2d(w, 1, 4, 2, 1), nn.Tanh())
    D = nn.Sequential(
        nn.Conv2d(1, w, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(w, 2 * w, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * w), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(2 * w * 49, 1))
    with torch.no_grad():
        for m in list(G) + list(D):
            if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
                m.weight.normal_(0.0, 0.02)
                if m.bias is not None:
                    m.bias.zero_()
    return G, D


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--iterations", type=int, default=0, help="time this many iterations instead of whole epochs")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--uniform", action="store_true")
    args = ap.parse_args()

    X, _, source = load_mnist_train(N_POINTS, (1, SIDE, SIDE), 10, args.uniform)
    X = X * 2 - 1
    iters = args.iterations if args.iterations > 0 else PER_EPOCH
    print(f"# torch {torch.__version__}; data {source}; DCGAN width {WIDTH}, latent {LATENT}, batch {BATCH}, "
          f"{PER_EPOCH} iterations per epoch (one D step on real + generated, one G step on new noise), "
          f"Adam(2e-4, 0.5, foreach); median of {args.epochs} timed run(s) of {iters} iterations after 20 warm-up")
    print(f"{'name':<12} {'threads':>7} {'seconds/epoch':>14} {'loss_d':>8} {'loss_g':>8}")
    best = None
    for threads in [int(t) for t in args.threads.split(",")]:
        set_threads(threads)
        torch.manual_seed(0)
        G, D = players()
        opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=True)
        opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999), foreach=True)
        bce = nn.BCEWithLogitsLoss()
        ones, zeros = torch.ones(BATCH, 1), torch.zeros(BATCH, 1)
        gen = torch.Generator().manual_seed(0)

        def iteration(idx):
            xb = X[idx]
            with torch.no_grad():
                fake = G(torch.randn(BATCH, LATENT, generator=gen))
            opt_d.zero_grad()
            loss_d = bce(D(xb), ones)
            loss_d.backward()
            loss_fake = bce(D(fake), zeros)
            loss_fake.backward()
            opt_d.step()
            opt_g.zero_grad()
            loss_g = bce(D(G(torch.randn(BATCH, LATENT, generator=gen))), ones)
            loss_g.backward()
            opt_g.step()
            return loss_d.item() + loss_fake.item(), loss_g.item()

        order = torch.randperm(N_POINTS, generator=gen)
        for i in range(20):
            iteration(order[i * BATCH:(i + 1) * BATCH])
        times, losses = [], (0.0, 0.0)
        for _ in range(args.epochs):
            order = torch.randperm(N_POINTS, generator=gen)
            t0 = time.perf_counter()
            for i in range(iters):
                losses = iteration(order[i * BATCH:(i + 1) * BATCH])
            times.append((time.perf_counter() - t0) * PER_EPOCH / iters)
        med = statistics.median(times)
        print(f"{'torch_epoch':<12} {threads:>7} {med:>14.3f} {losses[0]:>8.4f} {losses[1]:>8.4f}", flush=True)
        if best is None or med < best[1]:
            best = (threads, med)
    print(f"{'torch_best':<12} {best[0]:>7} {best[1]:>14.3f}")


if __name__ == "__main__":
    main()
