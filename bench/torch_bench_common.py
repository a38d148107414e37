"""Shared by the PyTorch training references (bench/mlp_torch.py, bench/lenet_torch.py): the MNIST training
set or its uniform stand-in, the thread setup, and one pass of minibatch training.

Data: the MNIST training images (pixels / 255, float32) and labels (int64), read with numpy from
$DLC_MNIST_DIR (raw or gz) when the files are there, otherwise uniform random pixels in [0, 1) with random
labels from numpy's generator seeded 0.
"""
import ctypes
import gzip
import os

import numpy as np
import torch


def find_idx(d, name):
    """The IDX file `name` in folder d under the names MNIST is shipped as (raw or gz), or None."""
    dotted = name.replace("-idx", ".idx", 1)
    for candidate in (name, name + ".gz", dotted, dotted + ".gz"):
        path = os.path.join(d, candidate)
        if os.path.isfile(path):
            return path
    return None


def read_idx(path, offset):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def load_mnist_train(n_points, image_shape, classes, force_uniform):
    """(X, Y, source): the first n_points training images as tensors of shape (n_points, *image_shape), their
    labels, and "mnist" or "uniform" (the stand-in, when force_uniform or the files are missing)."""
    d = os.environ.get("DLC_MNIST_DIR", "")
    images = find_idx(d, "train-images-idx3-ubyte") if d else None
    labels = find_idx(d, "train-labels-idx1-ubyte") if d else None
    if not force_uniform and images and labels:
        x = read_idx(images, 16).reshape(-1, *image_shape)[:n_points].astype(np.float32) / 255.0
        y = read_idx(labels, 8)[:n_points].astype(np.int64)
        source = "mnist"
    else:
        rng = np.random.default_rng(0)
        x = rng.random((n_points, *image_shape), dtype=np.float32)
        y = rng.integers(0, classes, n_points)
        source = "uniform"
    return torch.from_numpy(np.ascontiguousarray(x)), torch.from_numpy(np.ascontiguousarray(y)), source


def set_threads(threads):
    """torch.set_num_threads, and the same count for OpenBLAS (torch's BLAS here, through libblas.so.3) if it
    is OpenBLAS."""
    torch.set_num_threads(threads)
    try:
        ctypes.CDLL("libblas.so.3").openblas_set_num_threads(threads)
    except (OSError, AttributeError):
        pass


def run_batches(model, opt, loss_fn, X, Y, order, batch):
    """One pass over the examples in `order` (a tensor of indices), minibatches of `batch` (the last one holds
    what is left): zero_grad, loss, backward, step. Returns the mean loss over the examples."""
    total = 0.0
    for start in range(0, order.shape[0], batch):
        idx = order[start:start + batch]
        xb, yb = X[idx], Y[idx]
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item() * idx.shape[0]
    return total / order.shape[0]
