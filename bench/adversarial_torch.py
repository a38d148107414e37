#!/usr/bin/python3
"""The PyTorch side of bench/adversarial.sh: PGD-10 over the 10 000 MNIST test images through LeNet-5, on the weights
bench_adversarial wrote (DIR/lenet5.model, read by bench/dlc_model.py).

The attack, as bench_adversarial runs it: L-infinity, eps = 0.1, alpha = 0.01, 10 steps, no random start, no early
stopping (the final iterate), untargeted, J = the sum over the batch of the softmax cross-entropies; batches of 500,
float32. The pixels in [0, 1] are attacked; the network's input is (pixels - 0.1307) / 0.3081 (or the "input" of the
model file's meta, if it has one), computed inside the forward:
    x_{k+1} = clip(clamp(x_k + alpha sign(dJ(x_k, y)/dx_k), x - eps, x + eps), 0, 1).
Data: the MNIST test images and labels from $DLC_MNIST_DIR (raw or gz), or, if they are not there, uniform pixels in
[0, 1) with uniform labels from NumPy's generator seeded 0 (the line "# data: ..." says which). At each thread count
(1 and 2, or --threads): one untimed warm-up batch, then the timed pass over every image (the 10 gradient steps of every
batch); the accuracy is that of the adversarial images (one more forward, not timed). Prints
"torch THREADS SECONDS ACCURACY" per thread count and "torch_best THREADS SECONDS".

    /usr/bin/python3 bench/adversarial_torch.py --models DIR [--threads 1,2] [--images N]
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dlc_model  # noqa: E402
from torch_bench_common import set_threads, find_idx, read_idx  # noqa: E402

N_IMAGES, BATCH = 10000, 500
EPSILON, ALPHA, STEPS = 0.1, 0.01, 10
MEAN, SD = 0.1307, 0.3081


def test_images(n):
    d = os.environ.get("DLC_MNIST_DIR", "")
    images = find_idx(d, "t10k-images-idx3-ubyte") if d else None
    labels = find_idx(d, "t10k-labels-idx1-ubyte") if d else None
    if images and labels:
        x = read_idx(images, 16).reshape(-1, 28, 28)[:n].astype(np.float32) / 255.0
        y = read_idx(labels, 8)[:n].astype(np.int64)
        return torch.from_numpy(x), torch.from_numpy(y), "mnist"
    rng = np.random.default_rng(0)
    x = rng.random((n, 28, 28), dtype=np.float32)
    y = rng.integers(0, 10, n)
    return torch.from_numpy(x), torch.from_numpy(y), "uniform"


def pgd_linf(forward, x, y):
    lo, hi = x - EPSILON, x + EPSILON
    xk = x.clone()
    for _ in range(STEPS):
        xk.requires_grad_(True)
        loss = F.cross_entropy(forward(xk), y, reduction="sum")
        (g,) = torch.autograd.grad(loss, xk)
        with torch.no_grad():
            xk = torch.clamp(torch.minimum(torch.maximum(xk + ALPHA * torch.sign(g), lo), hi), 0.0, 1.0)
    return xk.detach()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--models", required=True)
    p.add_argument("--threads", default="1,2")
    p.add_argument("--images", type=int, default=N_IMAGES, help="attack only the first N test images (testing)")
    a = p.parse_args()
    arch, _, tensors, meta = dlc_model.read(os.path.join(a.models, "lenet5.model"))
    lenet = dlc_model.build(arch, tensors).float().eval()
    for q in lenet.parameters():
        q.requires_grad_(False)
    mean, sd = MEAN, SD
    if isinstance(meta, dict) and isinstance(meta.get("input"), dict):
        mean, sd = float(meta["input"]["mean"]), float(meta["input"]["sd"])

    def forward(pixels):
        return lenet(((pixels - mean) / sd).reshape(-1, 1, 28, 28))

    X, Y, source = test_images(max(1, a.images))
    n = X.shape[0]
    print(f"# data: {source}, {n} images; PGD-10 L-inf eps {EPSILON} alpha {ALPHA}, input (x - {mean:g}) / {sd:g}")
    best = (0, 1e30)
    for t in [int(s) for s in a.threads.split(",") if s.strip().isdigit() and int(s) >= 1]:
        set_threads(t)
        pgd_linf(forward, X[:BATCH], Y[:BATCH])  # warm-up, not timed
        adv = torch.empty_like(X)
        t0 = time.perf_counter()
        for b in range(0, n, BATCH):
            adv[b:b + BATCH] = pgd_linf(forward, X[b:b + BATCH], Y[b:b + BATCH])
        seconds = time.perf_counter() - t0
        with torch.no_grad():
            correct = sum((forward(adv[b:b + BATCH]).argmax(1) == Y[b:b + BATCH]).sum().item()
                          for b in range(0, n, BATCH))
        print(f"torch {t} {seconds:.4f} {correct / n:.4f}")
        if seconds < best[1]:
            best = (t, seconds)
    print(f"torch_best {best[0]} {best[1]:.4f}")


if __name__ == "__main__":
    main()
