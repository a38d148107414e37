#!/usr/bin/python3
"""PyTorch reference for bench_hw5: HW5 Q2 (d) with autograd, one example per step.

The same network (Linear(2, 3), phi, Linear(3, 1), phi with phi(v) = sigmoid(a v)), the same data and initial
weights (read from the JSON that `bench_hw5 --write FILE` stores), float64, the squared loss (f - y)^2 of one
example, loss.backward() and torch.optim.SGD(lr = eta) after every example, the points in data order, and the
MSE over all points after each epoch (under no_grad). One thread (torch.set_num_threads(1): tiny tensors).

Timing: --repeats runs from the same start (default 1); the median is printed.

    /usr/bin/python3 bench/hw5_torch.py PROBLEM.json [--epochs N] [--repeats R]
"""
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hw5_common import print_result, read_problem, time_runs  # noqa: E402


class Phi(nn.Module):
    """phi(v) = 1 / (1 + exp(-a v))."""

    def __init__(self, a):
        super().__init__()
        self.a = a

    def forward(self, v):
        return torch.sigmoid(self.a * v)


def train(p, epochs):
    a, eta = p["a"], p["eta"]
    X = torch.tensor(p["X"], dtype=torch.float64)  # (N, 2), one point per row
    Y = torch.tensor(p["Y"], dtype=torch.float64)  # (N, 1)
    model = nn.Sequential(nn.Linear(2, 3), Phi(a), nn.Linear(3, 1), Phi(a)).double()
    with torch.no_grad():
        model[0].weight.copy_(torch.tensor(p["W"]))
        model[0].bias.copy_(torch.tensor(p["b"]))
        model[2].weight.copy_(torch.tensor(p["U"]))
        model[2].bias.copy_(torch.tensor(p["c"]))
    opt = torch.optim.SGD(model.parameters(), lr=eta)
    N = X.shape[0]
    risk = []
    for _ in range(epochs):
        for i in range(N):
            opt.zero_grad()
            loss = ((model(X[i:i + 1]) - Y[i:i + 1]) ** 2).sum()
            loss.backward()
            opt.step()
        with torch.no_grad():
            risk.append(float(((model(X) - Y) ** 2).sum()) / N)
    return risk


def main():
    p, epochs, repeats = read_problem()
    torch.set_num_threads(1)
    seconds, risk = time_runs(train, p, epochs, repeats)
    print(f"# torch {torch.__version__}; HW5 Q2 baseline: {len(p['X'])} points x {epochs} epochs, per-sample SGD "
          f"with autograd, float64, 1 thread; median of {repeats} runs")
    print_result("torch", seconds, risk[-1])


if __name__ == "__main__":
    main()
