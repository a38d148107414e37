#!/usr/bin/python3
"""The adversarial lecture's independent PyTorch check: L-infinity PGD on a dlc model file, in float32, so the
lecture's own attack can be compared with PyTorch's autograd on exactly the same weights and images.

    /usr/bin/python3 pgd_torch.py --model FILE --pixels FILE --labels FILE --output FILE \\
                                  --epsilon E --alpha A --steps K

--model   a dlc model file (lib/models/model_file.hpp), read with bench/dlc_model.py; its "meta" holds
          "input": {"layout": "flat" or "NCHW", "mean": m, "sd": s}: the network's input is (pixels - m) / s, shaped
          (N, 784) for "flat" and (N, 1, 28, 28) for "NCHW". Dropout layers are the identity (eval mode).
--pixels  raw little-endian float32, N x 28 x 28 pixels in [0, 1] (N from the file's size)
--labels  raw uint8, N labels
--output  where the adversarial pixels go, raw little-endian float32, the same layout as --pixels

The attack (untargeted, no random start, no early stopping, the final iterate), in batches of 500 on one thread:
x_0 = x, x_{k+1} = clip(clamp(x_k + alpha sign(g_k), x - eps, x + eps), 0, 1) with g_k = dJ(x_k, y)/dx_k, J the sum over
the batch of the softmax cross-entropies of the logits, evaluated in float64 on the float32 logits as the lecture's
C++ side does (torch.sign: sign(0) = 0). Prints one line of JSON:
{"n": N, "accuracy": the share of adversarial images classified as their label, "clean_accuracy": the same for the
clean images, "seconds": the attack's wall-clock time (the K gradient steps over every batch)}. Bad inputs (a missing
file, a size that is not a multiple of 784 floats, a label count that does not match, a label
the network has no class for) exit with status 2 and a message
on stderr.
"""
import argparse
import importlib.util
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
PIXELS, BATCH = 28 * 28, 500


def fail(message):
    print(f"pgd_torch.py: {message}", file=sys.stderr)
    sys.exit(2)


def import_dlc_model():
    path = os.path.normpath(os.path.join(HERE, "..", "..", "bench", "dlc_model.py"))
    if not os.path.isfile(path):
        fail(f"cannot find the model-file reader {path}")
    spec = importlib.util.spec_from_file_location("dlc_model", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_inputs(a):
    for what, path in (("--model", a.model), ("--pixels", a.pixels), ("--labels", a.labels)):
        if not os.path.isfile(path):
            fail(f"{what} {path}: no such file")
    size = os.path.getsize(a.pixels)
    if size == 0 or size % (4 * PIXELS) != 0:
        fail(f"--pixels {a.pixels}: {size} bytes is not a positive multiple of {4 * PIXELS} (28 x 28 float32 each)")
    n = size // (4 * PIXELS)
    x = np.fromfile(a.pixels, dtype="<f4").reshape(n, 28, 28)
    y = np.fromfile(a.labels, dtype=np.uint8)
    if y.shape[0] != n:
        fail(f"--labels {a.labels}: {y.shape[0]} labels for {n} images")
    if not np.isfinite(x).all():
        fail(f"--pixels {a.pixels}: holds values that are not finite")
    return torch.from_numpy(x.copy()), torch.from_numpy(y.astype(np.int64))


def load_model(dlc_model, path):
    try:
        arch, _, tensors, meta = dlc_model.read(path)
        model = dlc_model.build(arch, tensors).float().eval()
    except Exception as e:  # a truncated or corrupt file, an architecture this reader does not build
        fail(f"--model {path}: {type(e).__name__}: {e}")
    spec = meta.get("input") if isinstance(meta, dict) else None
    if (not isinstance(spec, dict) or spec.get("layout") not in ("flat", "NCHW")
            or "mean" not in spec or "sd" not in spec):
        fail(f"--model {path}: its meta has no \"input\": {{\"layout\": \"flat\" or \"NCHW\", \"mean\", \"sd\"}}")
    if not float(spec["sd"]) > 0:
        fail(f"--model {path}: meta input sd = {spec['sd']} is not positive")
    for p in model.parameters():
        p.requires_grad_(False)
    return model, spec["layout"], float(spec["mean"]), float(spec["sd"])


def pgd_linf(forward, x, y, epsilon, alpha, steps):
    """The final iterate of `steps` L-infinity PGD steps from x (no random start), J = summed cross-entropy."""
    lo, hi = x - epsilon, x + epsilon
    xk = x.clone()
    for _ in range(steps):
        xk.requires_grad_(True)
        # the loss in float64 on float32 logits, as the C++ side computes it: in float32 a digit classified with
        # p(y) = 1.0f gets dJ/dz_y = 0 exactly while the other classes keep their tiny p_k, and the sign step
        # then follows what the rounding left over
        loss = F.cross_entropy(forward(xk).double(), y, reduction="sum")
        (g,) = torch.autograd.grad(loss, xk)
        with torch.no_grad():
            xk = torch.clamp(torch.minimum(torch.maximum(xk + alpha * torch.sign(g), lo), hi), 0.0, 1.0)
    return xk.detach()


def main():
    p = argparse.ArgumentParser(description="L-infinity PGD in PyTorch on a dlc model file")
    p.add_argument("--model", required=True)
    p.add_argument("--pixels", required=True)
    p.add_argument("--labels", required=True)
    p.add_argument("--output", required=True)
    p.add_argument("--epsilon", type=float, required=True)
    p.add_argument("--alpha", type=float, required=True)
    p.add_argument("--steps", type=int, required=True)
    a = p.parse_args()
    if not (a.epsilon >= 0 and np.isfinite(a.epsilon)) or not (a.alpha >= 0 and np.isfinite(a.alpha)) or a.steps < 0:
        fail("--epsilon and --alpha must be finite and >= 0, --steps >= 0")
    torch.set_num_threads(1)
    dlc_model = import_dlc_model()
    x, y = read_inputs(a)
    model, layout, mean, sd = load_model(dlc_model, a.model)
    shape = (-1, PIXELS) if layout == "flat" else (-1, 1, 28, 28)

    def forward(pixels):
        return model(((pixels - mean) / sd).reshape(shape))

    n = x.shape[0]
    with torch.no_grad():
        classes = forward(x[:1]).shape[1]
    if y.max().item() >= classes:
        fail(f"--labels {a.labels}: label {y.max().item()} is not below the network's {classes} classes")
    adv = torch.empty_like(x)
    t0 = time.perf_counter()
    for b in range(0, n, BATCH):
        adv[b:b + BATCH] = pgd_linf(forward, x[b:b + BATCH], y[b:b + BATCH], a.epsilon, a.alpha, a.steps)
    seconds = time.perf_counter() - t0
    correct = clean_correct = 0
    with torch.no_grad():
        for b in range(0, n, BATCH):
            correct += (forward(adv[b:b + BATCH]).argmax(1) == y[b:b + BATCH]).sum().item()
            clean_correct += (forward(x[b:b + BATCH]).argmax(1) == y[b:b + BATCH]).sum().item()
    try:
        adv.numpy().astype("<f4").tofile(a.output)
    except OSError as e:
        fail(f"--output {a.output}: {e}")
    print(json.dumps({"n": n, "accuracy": correct / n, "clean_accuracy": clean_correct / n, "seconds": seconds}))


if __name__ == "__main__":
    main()
