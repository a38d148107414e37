#!/usr/bin/python3
"""The PyTorch side of bench/interpret.sh: the workloads of bench_interpret on the same weights (the model
files bench_interpret wrote, read by bench/dlc_model.py):
  - Grad-CAM at LeNet-5's conv 2 + ReLU (class score) and the saliency gradient d log p(y|x)/dx for 1 000 test
    images in batches of 100: one forward pass with the input requiring grad, then two torch.autograd.grad
    calls (the second reusing the graph), images per second;
  - one style-transfer step on a 256 x 256 RGB image: forward through the random-weight CNN, Gram losses
    (relative errors) at the four ReLUs, a relative content loss at the third, backward to the image, one
    torch.optim.Adam step; seconds per step (median).
Each at 1 and 2 threads (or --threads); "torch_best" gives the best of each.

    /usr/bin/python3 bench/interpret_torch.py --models DIR [--threads 1,2] [--steps N]
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

N_IMAGES, BATCH, SIDE = 1000, 100, 256


def test_images():
    d = os.environ.get("DLC_MNIST_DIR", "")
    images = find_idx(d, "t10k-images-idx3-ubyte") if d else None
    labels = find_idx(d, "t10k-labels-idx1-ubyte") if d else None
    if images and labels:
        x = read_idx(images, 16).reshape(-1, 1, 28, 28)[:N_IMAGES].astype(np.float32) / 255.0
        x = (x - 0.1307) / 0.3081
        y = read_idx(labels, 8)[:N_IMAGES].astype(np.int64)
        return torch.from_numpy(x), torch.from_numpy(y), "mnist"
    rng = np.random.default_rng(0)
    x = rng.standard_normal((N_IMAGES, 1, 28, 28)).astype(np.float32)
    y = rng.integers(0, 10, N_IMAGES)
    return torch.from_numpy(x), torch.from_numpy(y), "uniform"


def gradcam_and_saliency(lenet, X, Y):
    feats = lenet[:5]   # conv1 .. relu2
    head = lenet[5:]
    for b in range(0, N_IMAGES, BATCH):
        x = X[b:b + BATCH].clone().requires_grad_(True)
        y = Y[b:b + BATCH]
        A = feats(x)
        z = head(A)
        logp = F.log_softmax(z, dim=1).gather(1, y[:, None]).sum()
        (gx,) = torch.autograd.grad(logp, x, retain_graph=True)
        score = z.gather(1, y[:, None]).sum()
        (gA,) = torch.autograd.grad(score, A)
        alpha = gA.mean(dim=(2, 3), keepdim=True)
        cam = torch.relu((alpha * A).sum(dim=1))
        _ = gx[0, 0, 14, 14].item() + cam[0, 5, 5].item()


def gram(F_):
    c = F_.shape[1]
    f = F_.reshape(c, -1)
    return f @ f.t()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--models", required=True)
    p.add_argument("--threads", default="1,2")
    p.add_argument("--steps", type=int, default=10)
    a = p.parse_args()
    lenet = dlc_model.load(os.path.join(a.models, "lenet5.model"))
    cnn = dlc_model.load(os.path.join(a.models, "style_cnn.model"))
    for q in list(lenet.parameters()) + list(cnn.parameters()):
        q.requires_grad_(False)
    X, Y, source = test_images()
    relus = [1, 4, 7, 10]
    content_at = 7
    g = torch.Generator().manual_seed(0)

    def noise():
        return torch.rand((1, 3, SIDE, SIDE), generator=g) - 0.5

    def taps(x):
        out, h = {}, x
        for i, m in enumerate(cnn):
            h = m(h)
            if i in relus:
                out[i] = h
        return out

    with torch.no_grad():
        style_t = taps(noise())
        targets = {i: gram(style_t[i]) for i in relus}
        norms = {i: (targets[i] ** 2).sum() for i in relus}
        content = taps(noise())[content_at]
        content_norm = (content ** 2).sum()
    x_start = noise()

    print(f"{'name':<10} {'threads':>8} {'data':>10} {'gradcam+sal/s':>14} {'style_step_s':>16}")
    best = (0.0, 0, 1e30, 0)
    for t in [int(s) for s in a.threads.split(",") if s.strip().isdigit() and int(s) >= 1]:
        set_threads(t)
        rate = 0.0
        for _ in range(2):
            t0 = time.perf_counter()
            gradcam_and_saliency(lenet, X, Y)
            rate = N_IMAGES / (time.perf_counter() - t0)
        x = x_start.clone().requires_grad_(True)
        opt = torch.optim.Adam([x], lr=0.02)
        times = []
        for s in range(a.steps + 1):
            t0 = time.perf_counter()
            opt.zero_grad()
            f = taps(x)
            loss = sum(((gram(f[i]) - targets[i]) ** 2).sum() / norms[i] for i in relus)
            loss = loss + 0.1 * ((f[content_at] - content) ** 2).sum() / content_norm
            loss.backward()
            opt.step()
            if s > 0:
                times.append(time.perf_counter() - t0)
        step = float(np.median(times))
        print(f"{'torch':<10} {t:>8} {source:>10} {rate:>14.1f} {step:>16.4f}")
        if rate > best[0]:
            best = (rate, t, best[2], best[3])
        if step < best[2]:
            best = (best[0], best[1], step, t)
    print(f"torch_best {best[1]} {best[0]:.1f} {best[3]} {best[2]:.5f}")


if __name__ == "__main__":
    main()
