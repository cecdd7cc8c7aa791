"""Reads the inputs.safetensors a workload's C# side wrote (scripts/bench/run prepares it), into torch tensors.

The safetensors layout (huggingface/safetensors): an 8-byte little-endian header length, a JSON header mapping each
name to its dtype, shape and byte offsets, then the raw little-endian C-order data. Debian has no Python package for
it, and this is all the benchmarks need.
"""
import json
import os
import struct

import numpy as np
import torch

_DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32, "U8": np.uint8, "BOOL": np.bool_}


def load(folder):
    """Every tensor of folder/inputs.safetensors, by name."""
    path = os.path.join(folder, "inputs.safetensors")
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path} is missing: write it with the C# side's 'prepare <workload> {folder}'")
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] not in _DTYPES:
            raise ValueError(f"{path}: tensor {name} has dtype {entry['dtype']}, which this reader does not know")
        begin, end = entry["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype=_DTYPES[entry["dtype"]]).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors
