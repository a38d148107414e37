#!/usr/bin/python3
"""PyTorch CPU reference for bench_rnn: a character LSTM, float32.

Same workload as bench/rnn_bench.cpp: nn.Embedding(65, 64), nn.LSTM(64, 128) (one layer, sequence-first),
nn.Linear(128, 65), cross-entropy averaged over the T * B = 64 * 32 positions, Adam (lr 2e-3) in its
multi-tensor foreach=True implementation, uniform random tokens (numpy seed 0). For each thread count (1 and
2, or --threads; torch.set_num_threads and OpenBLAS's count), 20 warm-up steps, then --steps timed steps;
steps/s of the whole step (zero_grad, forward, loss, backward, step).

    /usr/bin/python3 bench/rnn_torch.py [--steps N] [--threads 1,2]
"""
import argparse
import os
import sys
import time

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_bench_common import set_threads  # noqa: E402

V, E, H, T, B = 65, 64, 128, 64, 32


class CharLSTM(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(V, E)
        self.lstm = nn.LSTM(E, H)
        self.out = nn.Linear(H, V)

    def forward(self, x):
        s, _ = self.lstm(self.emb(x))
        return self.out(s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--threads", default="1,2")
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    x = torch.from_numpy(rng.integers(0, V, (T, B)))
    y = torch.from_numpy(np.concatenate([x.numpy()[1:], rng.integers(0, V, (1, B))]))
    print(f"# torch {torch.__version__}; character LSTM: vocabulary {V}, embedding {E}, hidden {H}, T = {T}, batch {B}, "
          f"Adam(foreach), float32; {args.steps} timed steps after 20 warm-up steps")
    print(f"{'name':<10} {'threads':>7} {'steps/s':>10} {'last_loss':>10}")
    best, best_t = 0.0, 0
    for threads in [int(t) for t in args.threads.split(",")]:
        set_threads(threads)
        torch.manual_seed(0)
        model = CharLSTM()
        opt = torch.optim.Adam(model.parameters(), lr=2e-3, foreach=True)
        loss_fn = nn.CrossEntropyLoss()
        loss = None

        def step():
            nonlocal loss
            opt.zero_grad()
            loss = loss_fn(model(x).reshape(-1, V), y.reshape(-1))
            loss.backward()
            opt.step()

        for _ in range(20):
            step()
        t0 = time.perf_counter()
        for _ in range(args.steps):
            step()
        rate = args.steps / (time.perf_counter() - t0)
        print(f"{'torch_steps':<10} {threads:>7} {rate:>10.2f} {loss.item():>10.4f}", flush=True)
        if rate > best:
            best, best_t = rate, threads
    print(f"torch_best {best_t} {best:.3f}")


if __name__ == "__main__":
    main()
