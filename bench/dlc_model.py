"""Reading dlc's model files (lib/models/model_file.hpp, format version 1) into PyTorch modules, so a
benchmark's PyTorch side computes with exactly the weights of the C++ side.

Format: b"DLCMODEL", uint32 version = 1, uint64 header length H, H bytes of JSON {"architecture", "scalar",
"tensors", "meta"}, uint64 payload length P, P bytes of little-endian tensors in the order of "tensors",
uint32 CRC-32 (zlib) of everything before it. Only the module types the benchmarks use are built here.
"""
import json
import struct
import zlib

import numpy as np
import torch


def read(path):
    """(architecture, scalar, {name: numpy array}, meta) of a model file, checks included."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"DLCMODEL":
        raise ValueError(f"{path}: not a dlc model file")
    (version,) = struct.unpack_from("<I", data, 8)
    if version != 1:
        raise ValueError(f"{path}: format version {version}, this reader knows 1")
    (H,) = struct.unpack_from("<Q", data, 12)
    header = json.loads(data[20:20 + H])
    (P,) = struct.unpack_from("<Q", data, 20 + H)
    end = 28 + H + P
    if len(data) != end + 4 or struct.unpack_from("<I", data, end)[0] != zlib.crc32(data[:end]):
        raise ValueError(f"{path}: truncated or corrupt")
    dtype = np.dtype("<f4") if header["scalar"] == "float32" else np.dtype("<f8")
    tensors, at = {}, 28 + H
    for t in header["tensors"]:
        n = int(np.prod(t["shape"])) if t["shape"] else 1
        tensors[t["name"]] = np.frombuffer(data, dtype=dtype, count=n, offset=at).reshape(t["shape"]).copy()
        at += n * dtype.itemsize
    return header["architecture"], header["scalar"], tensors, header.get("meta", {})


def build(spec, tensors, prefix=""):
    """A torch.nn.Sequential with the file's weights for the architecture `spec` (a Sequential)."""
    layers = []
    for i, layer in enumerate(spec["layers"]):
        t, p = layer["type"], f"{prefix}{i}."
        if t == "Conv2d":
            kh, kw = layer["kernel"]
            m = torch.nn.Conv2d(layer["in_channels"], layer["out_channels"], (kh, kw), stride=layer["stride"],
                                padding=layer["padding"], bias=layer["bias"])
            m.weight.data = torch.from_numpy(tensors[p + "K"])
            if layer["bias"]:
                m.bias.data = torch.from_numpy(tensors[p + "b"])
        elif t == "Linear":
            m = torch.nn.Linear(layer["in"], layer["out"], bias=layer["bias"])
            m.weight.data = torch.from_numpy(tensors[p + "W"])
            if layer["bias"]:
                m.bias.data = torch.from_numpy(tensors[p + "b"])
        elif t == "ReLU":
            m = torch.nn.ReLU()
        elif t == "MaxPool2d":
            m = torch.nn.MaxPool2d(layer["kernel"], layer["stride"])
        elif t == "AvgPool2d":
            m = torch.nn.AvgPool2d(layer["kernel"], layer["stride"])
        elif t == "Flatten":
            m = torch.nn.Flatten()
        elif t == "Dropout":  # no weights; the identity in eval mode, which load() sets
            m = torch.nn.Dropout(layer["p"])
        elif t == "GlobalAvgPool2d":
            m = torch.nn.Sequential(torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten())
        else:
            raise ValueError(f"module type {t} is not supported by this reader")
        layers.append(m)
    return torch.nn.Sequential(*layers)


def load(path):
    """The model file at `path` as a torch.nn.Sequential (float32 or float64 as stored), in eval mode."""
    arch, scalar, tensors, _ = read(path)
    model = build(arch, tensors)
    return (model if scalar == "float32" else model.double()).eval()
