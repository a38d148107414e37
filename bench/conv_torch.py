#!/usr/bin/python3
"""PyTorch CPU reference for bench_conv: forward + backward time of LeNet-5's convolution and pooling
layers at batch 64, float32, one thread (torch.set_num_threads(1)).

    conv1  Conv2d(1, 6, 5, padding=2) on (64, 1, 28, 28), the input needs no gradient (first layer)
    pool1  MaxPool2d(2) on (64, 6, 28, 28)
    conv2  Conv2d(6, 16, 5) on (64, 6, 14, 14), with the input gradient
    pool2  MaxPool2d(2) on (64, 16, 10, 10)

Median milliseconds per step over --reps rounds of 20 steps (after 10 warm-up steps), in CPU time of
the calling thread (time.thread_time: with one thread, the wall time of an idle machine); GFLOP/s of
the convolutions counts 2 N F Ho Wo C kh kw flops per product (forward, grad_K, and grad_x when
computed), as bench_conv does.

    /usr/bin/python3 bench/conv_torch.py [--reps N]
"""
import argparse
import statistics
import time

import torch
from torch import nn

BATCH = 64


def time_step(step, reps):
    for _ in range(10):
        step()
    times = []
    for _ in range(reps):
        t0 = time.thread_time()
        for _ in range(20):
            step()
        times.append((time.thread_time() - t0) / 20)
    return statistics.median(times)


def conv_row(name, conv, x, reps):
    y = conv(x)
    delta = torch.randn_like(y)

    def forward():
        with torch.no_grad():
            conv(x)

    def both():
        conv.zero_grad(set_to_none=False)
        conv(x).backward(delta)

    fwd, t = time_step(forward, reps), time_step(both, reps)
    F, C, kh, kw = conv.weight.shape
    product = 2.0 * BATCH * F * y.shape[2] * y.shape[3] * C * kh * kw
    flops = product * (3 if x.requires_grad else 2)
    print(f"{name:6s} {str(conv):44s} fwd {fwd * 1e3:7.3f} ms  fwd+bwd {t * 1e3:7.3f} ms  {flops / t * 1e-9:6.2f} GFLOP/s")


def pool_row(name, pool, x, reps):
    y = pool(x)
    delta = torch.randn_like(y)

    def both():
        x.grad = None
        pool(x).backward(delta)

    print(f"{name:6s} {str(pool):44s} fwd+bwd {time_step(both, reps) * 1e3:7.3f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    print(f"# torch {torch.__version__}, batch {BATCH}, float32, 1 thread, median thread CPU time, mkldnn {torch.backends.mkldnn.is_available()}")
    conv_row("conv1", nn.Conv2d(1, 6, 5, padding=2), torch.randn(BATCH, 1, 28, 28), args.reps)
    pool_row("pool1", nn.MaxPool2d(2), torch.randn(BATCH, 6, 28, 28, requires_grad=True), args.reps)
    conv_row("conv2", nn.Conv2d(6, 16, 5), torch.randn(BATCH, 6, 14, 14, requires_grad=True), args.reps)
    pool_row("pool2", nn.MaxPool2d(2), torch.randn(BATCH, 16, 10, 10, requires_grad=True), args.reps)


if __name__ == "__main__":
    main()
