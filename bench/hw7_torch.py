#!/usr/bin/python3
"""PyTorch CPU reference for bench_hw7: one training epoch of homework 7's Q1 (k-means as a neural network) or Q2 (the
autoencoder), written as the homework asks, float32.

Data: the 60 000 MNIST training images as 1 x 28 x 28 pixels / 255 (and their labels), read with numpy from
$DLC_MNIST_DIR (raw or gz) when the files are there, otherwise uniform random pixels in [0, 1) (--uniform forces it).
Each epoch takes minibatches of 64 from a fresh random permutation (the last one holds the 32 left over, as a
DataLoader with drop_last=False); the batches are sliced from the preloaded tensor, so no DataLoader overhead is
counted. Loss: nn.MSELoss() between the model's output and zeros; torch.optim.SGD.

  q1  the k-means network: self.centers = nn.Parameter(10 x 784), nn.Flatten, nn.Softmax(dim=1); forward
      x0 = flatten(x), x = x0 C^T - 1/2 sum(C^2, 1), softmax(20 x), x = x C, return x - x0. The centres start at the
      first image of each digit label (the first 10 images with uniform data). SGD lr = eta = 4.5.
  q2  the autoencoder, SGD lr 0.1, dropout 0.1, train mode. Encoder (our reconstruction of "the CNN from HW6 Q3": a
      LeNet-5 ending in z of size 10, batch norm and dropout after every ReLU): Conv2d(1, 6, 5, padding 2), ReLU,
      BatchNorm2d, Dropout, MaxPool2d(2), Conv2d(6, 16, 5), ReLU, BatchNorm2d, Dropout, MaxPool2d(2), Flatten,
      Linear(400, 120), ReLU, BatchNorm1d, Dropout, Linear(120, 84), ReLU, BatchNorm1d, Dropout, Linear(84, 10).
      Decoder: Linear(10, 360), ReLU, BN, Dropout, Linear(360, 720), ReLU, BN, Dropout, Unflatten(1, (20, 6, 6)),
      Upsample(x2, bicubic), ConvTranspose2d(20, 20, 4, stride 2, output_padding 1), ReLU, BN, Dropout,
      ConvTranspose2d(20, 1, 4, stride 1, padding 1), Sigmoid. forward(x, enc_mode=1): z = enc(x),
      z2 = enc_mode z + (2 - enc_mode) randn_like(z), f = dec(z2), return cat(z, flatten(f - x)). Default init.

Timing: for each thread count (1 and 2, or --threads; torch.set_num_threads and, when torch's BLAS is OpenBLAS,
openblas_set_num_threads), one warm-up epoch (q1) or 100 warm-up batches (q2) then --epochs timed epochs (default 3 for q1, 1 for q2); the median epoch
time is printed per thread count, and the best of them last ("torch_best THREADS SECONDS").

    /usr/bin/python3 bench/hw7_torch.py [--part q1|q2] [--epochs N] [--threads 1,2] [--uniform]
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

N_POINTS, SIDE, DIM, K, BATCH = 60000, 28, 784, 10, 64
BETA, ETA_Q1, LR_Q2, DROPOUT = 20.0, 4.5, 0.1, 0.1


class KMeansNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.centers = nn.Parameter(torch.zeros(K, DIM))
        self.flatten = nn.Flatten()
        self.softmax = nn.Softmax(dim=1)

    def forward(self, x):
        x0 = self.flatten(x)
        x = torch.matmul(x0, self.centers.t()) - 0.5 * torch.sum(self.centers ** 2, 1).flatten()
        x = self.softmax(BETA * x)
        x = torch.matmul(x, self.centers)
        return x - x0


def relu_bn_drop(bn):
    return [nn.ReLU(), bn, nn.Dropout(DROPOUT)]


class Autoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), *relu_bn_drop(nn.BatchNorm2d(6)), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), *relu_bn_drop(nn.BatchNorm2d(16)), nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(400, 120), *relu_bn_drop(nn.BatchNorm1d(120)),
            nn.Linear(120, 84), *relu_bn_drop(nn.BatchNorm1d(84)),
            nn.Linear(84, 10))
        self.decoder = nn.Sequential(
            nn.Linear(10, 360), *relu_bn_drop(nn.BatchNorm1d(360)),
            nn.Linear(360, 720), *relu_bn_drop(nn.BatchNorm1d(720)),
            nn.Unflatten(1, (20, 6, 6)),
            nn.Upsample(scale_factor=2, mode="bicubic", align_corners=False),
            nn.ConvTranspose2d(20, 20, 4, stride=2, output_padding=1), *relu_bn_drop(nn.BatchNorm2d(20)),
            nn.ConvTranspose2d(20, 1, 4, stride=1, padding=1), nn.Sigmoid())

    def forward(self, x, enc_mode=1):
        z = self.encoder(x)
        z2 = enc_mode * z + (2 - enc_mode) * torch.randn_like(z)
        f = self.decoder(z2)
        return torch.cat((z, (f - x).flatten(1)), 1)


def make_q1(X, Y, source):
    model = KMeansNet()
    with torch.no_grad():
        for i in range(K):
            first = int(torch.nonzero(Y == i)[0]) if source == "mnist" else i
            model.centers[i, :] = X[first].flatten()
    return model, torch.optim.SGD(model.parameters(), lr=ETA_Q1)


def make_q2(X, Y, source):
    model = Autoencoder().train()
    return model, torch.optim.SGD(model.parameters(), lr=LR_Q2)


def epoch(model, opt, loss_fn, X, gen):
    order = torch.randperm(X.shape[0], generator=gen)
    total = 0.0
    for start in range(0, X.shape[0], BATCH):
        xb = X[order[start:start + BATCH]]
        opt.zero_grad()
        out = model(xb)
        loss = loss_fn(out, torch.zeros_like(out))
        loss.backward()
        opt.step()
        total += loss.item() * xb.shape[0]
    return total / X.shape[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--part", choices=("q1", "q2"), default="q1")
    ap.add_argument("--epochs", type=int, default=None)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--uniform", action="store_true")
    args = ap.parse_args()
    epochs = args.epochs if args.epochs is not None else (3 if args.part == "q1" else 1)

    X, Y, source = load_mnist_train(N_POINTS, (1, SIDE, SIDE), K, args.uniform)
    if args.part == "q1":
        what = f"k-means network k={K}, beta {BETA:g}, SGD lr {ETA_Q1:g}"
        make = make_q1
    else:
        what = f"autoencoder (LeNet-5 encoder, HW7 decoder), dropout {DROPOUT:g}, SGD lr {LR_Q2:g}"
        make = make_q2
    print(f"# torch {torch.__version__}; data {source}; {N_POINTS} x {DIM}, batch {BATCH}, HW7 {args.part}: {what}, "
          f"MSELoss vs zeros, float32; batches sliced from the preloaded tensor (no DataLoader); "
          f"median of {epochs} epochs after " + ("1 warm-up epoch" if args.part == "q1" else "100 warm-up batches"))
    print(f"{'name':<12} {'threads':>7} {'seconds/epoch':>14} {'last_loss':>10}")
    loss_fn = nn.MSELoss()
    best = None
    for threads in [int(t) for t in args.threads.split(",")]:
        set_threads(threads)
        torch.manual_seed(0)
        model, opt = make(X, Y, source)
        gen = torch.Generator().manual_seed(0)
        # warm-up: a whole epoch for q1; 100 batches for q2, whose epoch is long (as bench_hw7)
        epoch(model, opt, loss_fn, X if args.part == "q1" else X[:100 * BATCH], gen)
        times, loss = [], 0.0
        for _ in range(epochs):
            t0 = time.perf_counter()
            loss = epoch(model, opt, loss_fn, X, gen)
            times.append(time.perf_counter() - t0)
        med = statistics.median(times)
        print(f"{'torch_' + args.part:<12} {threads:>7} {med:>14.4f} {loss:>10.6f}", flush=True)
        if best is None or med < best[1]:
            best = (threads, med)
    print(f"{'torch_best':<12} {best[0]:>7} {best[1]:>14.4f}")


if __name__ == "__main__":
    main()
