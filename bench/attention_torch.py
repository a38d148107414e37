#!/usr/bin/python3
"""PyTorch CPU reference for bench_attention, float32, steps per second.

- encoder_post: nn.TransformerEncoderLayer(64, 4, dim_feedforward=256, dropout=0, batch_first=True) (post-LN, ReLU);
- encoder_pre: a hand-written pre-LN block, x + MHA(LN1(x)) then + FFN(LN2(x)), from nn.MultiheadAttention,
  nn.LayerNorm and nn.Linear (the same computation as nn.TransformerEncoderLayer(norm_first=True), written as a
  student would);
  each on X (32, 128, 64), one step = zero_grad, forward, backward from a fixed random upstream gradient (dL/dX
  included, since X requires grad);
- char_step: the attention lecture's character transformer (vocabulary 96, d = 128, 2 pre-LN blocks of 4 heads, d_ff
  = 512, learned positions, context 64, batch 32, causal mask), one Adam(foreach=True) step on uniform random tokens.

For each thread count (1 and 2, or --threads; torch.set_num_threads and OpenBLAS's count), warm-up steps, then
--steps timed steps (char_step: a quarter of them).

    /usr/bin/python3 bench/attention_torch.py [--steps N] [--threads 1,2] [--only NAME]
"""
import argparse
import os
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_bench_common import set_threads  # noqa: E402

B, T, D = 32, 128, 64


class PreLNBlock(nn.Module):
    def __init__(self, d, heads, dff):
        super().__init__()
        self.ln1 = nn.LayerNorm(d)
        self.attn = nn.MultiheadAttention(d, heads, batch_first=True)
        self.ln2 = nn.LayerNorm(d)
        self.ff = nn.Sequential(nn.Linear(d, dff), nn.ReLU(), nn.Linear(dff, d))

    def forward(self, x, mask=None):
        h = self.ln1(x)
        x = x + self.attn(h, h, h, attn_mask=mask, need_weights=False)[0]
        return x + self.ff(self.ln2(x))


class CharTransformer(nn.Module):
    def __init__(self, V=96, d=128, layers=2, heads=4, dff=512, ctx=64):
        super().__init__()
        self.emb = nn.Embedding(V, d)
        self.pos = nn.Parameter(torch.randn(ctx, d) * 0.02)
        self.blocks = nn.ModuleList([PreLNBlock(d, heads, dff) for _ in range(layers)])
        self.ln = nn.LayerNorm(d)
        self.out = nn.Linear(d, V)
        self.register_buffer("mask", torch.triu(torch.full((ctx, ctx), float("-inf")), 1))

    def forward(self, x):
        h = self.emb(x) + self.pos[: x.shape[1]]
        for b in self.blocks:
            h = b(h, self.mask)
        return self.out(self.ln(h))


def rate_of(step, warmup, steps):
    for _ in range(warmup):
        step()
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    return steps / (time.perf_counter() - t0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    torch.manual_seed(0)
    X = torch.randn(B, T, D)
    R = torch.randn(B, T, D)
    tok = torch.randint(0, 96, (32, 64))
    tgt = torch.randint(0, 96, (32, 64))
    print(f"# torch {torch.__version__}; encoder block d = {D}, 4 heads, d_ff = 256, T = {T}, batch {B} (forward + "
          f"backward); character transformer step (d = 128, 2 layers, context 64, batch 32, Adam); float32; "
          f"{args.steps} timed steps")
    print(f"{'name':<14} {'threads':>7} {'steps/s':>10}")
    best = {"encoder_post": (0, 0.0), "encoder_pre": (0, 0.0), "char_step": (0, 0.0)}
    for threads in [int(t) for t in args.threads.split(",")]:
        set_threads(threads)
        for name in ("encoder_post", "encoder_pre"):
            if args.only and args.only != name:
                continue
            torch.manual_seed(0)
            if name == "encoder_post":
                block = nn.TransformerEncoderLayer(D, 4, dim_feedforward=256, dropout=0.0, batch_first=True)
            else:
                block = PreLNBlock(D, 4, 256)
            x = X.clone().requires_grad_(True)

            def step():
                block.zero_grad(set_to_none=True)
                x.grad = None
                block(x).backward(R)

            r = rate_of(step, 5, args.steps)
            print(f"{name:<14} {threads:>7} {r:>10.2f}", flush=True)
            if r > best[name][1]:
                best[name] = (threads, r)
        if not args.only or args.only == "char_step":
            torch.manual_seed(0)
            model = CharTransformer()
            opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=True)
            loss_fn = nn.CrossEntropyLoss()

            def cstep():
                opt.zero_grad()
                loss_fn(model(tok).reshape(-1, 96), tgt.reshape(-1)).backward()
                opt.step()

            r = rate_of(cstep, 3, max(1, args.steps // 4))
            print(f"{'char_step':<14} {threads:>7} {r:>10.2f}", flush=True)
            if r > best["char_step"][1]:
                best["char_step"] = (threads, r)
    for name, (t, r) in best.items():
        print(f"torch_best {name} {t} {r:.3f}")


if __name__ == "__main__":
    main()
