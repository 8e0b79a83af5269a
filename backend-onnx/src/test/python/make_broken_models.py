#!/usr/bin/python3
"""Writes small broken ONNX models for the backend's weight checks and the command line's bad-input catalogue
(onnx + numpy only).

Run from the repository root:
    /usr/bin/python3 backend-onnx/src/test/python/make_broken_models.py

Output: backend-onnx/src/test/resources/broken/ and a copy in cli/src/test/resources/models/bad/
  grey8_base.onnx         a valid model of 1x1x8x8 images (seeded weights): Conv 3x3 (1 -> 2 channels, pads 1),
                          Relu, GlobalAveragePool, Flatten, Gemm (transB) to one output; each file below differs
                          from it in one thing
  raw_data_short.onnx     the Conv weight's raw_data 4 bytes short of its dims [2, 1, 3, 3]
  negative_dim.onnx       the Conv bias with dims [-2]
  overflowing_dims.onnx   the Conv bias with dims [2^32, 2^32] and no data (the product wraps to 0 in 64 bits)
  conv_weight_rank3.onnx  the Conv weight of rank 3, [2, 3, 3]
  conv_channels.onnx      the Conv weight [2, 3, 3, 3] for a 1-channel image
  nan_initializer.onnx    a NaN in the Conv weight
  inf_initializer.onnx    -Infinity in the Gemm weight
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
OUTS = [os.path.join(ROOT, "backend-onnx", "src", "test", "resources", "broken"),
        os.path.join(ROOT, "cli", "src", "test", "resources", "models", "bad")]
RNG = np.random.RandomState(20261207)
W = RNG.normal(0, 0.5, (2, 1, 3, 3)).astype(np.float32)
B = RNG.normal(0, 0.1, 2).astype(np.float32)
FC = RNG.normal(0, 0.5, (1, 2)).astype(np.float32)
FCB = RNG.normal(0, 0.1, 1).astype(np.float32)


def model(w=None, b=None, fc=None):
    inits = [w if w is not None else numpy_helper.from_array(W, "conv.weight"),
             b if b is not None else numpy_helper.from_array(B, "conv.bias"),
             fc if fc is not None else numpy_helper.from_array(FC, "fc.weight"),
             numpy_helper.from_array(FCB, "fc.bias")]
    nodes = [
        helper.make_node("Conv", ["image", "conv.weight", "conv.bias"], ["conv"], name="/conv/Conv",
                         kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["conv"], ["relu"], name="/relu/Relu"),
        helper.make_node("GlobalAveragePool", ["relu"], ["gap"], name="/gap/GlobalAveragePool"),
        helper.make_node("Flatten", ["gap"], ["flat"], name="/flatten/Flatten", axis=1),
        helper.make_node("Gemm", ["flat", "fc.weight", "fc.bias"], ["score"], name="/fc/Gemm", transB=1),
    ]
    graph = helper.make_graph(nodes, "grey8", [helper.make_tensor_value_info("image", TensorProto.FLOAT,
                                                                             ["batch", 1, 8, 8])],
                              [helper.make_tensor_value_info("score", TensorProto.FLOAT, ["batch", 1])], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=7,
                             producer_name="salientsi-tests")


def raw(name, dims, data=b""):
    t = TensorProto()
    t.name = name
    t.data_type = TensorProto.FLOAT
    t.dims.extend(dims)
    t.raw_data = data
    return t


def save(name, m):
    for out in OUTS:
        os.makedirs(out, exist_ok=True)
        path = os.path.join(out, name)
        with open(path, "wb") as f:
            f.write(m.SerializeToString())
    print("wrote", name, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    base = model()
    onnx.checker.check_model(base)
    save("grey8_base.onnx", base)
    save("raw_data_short.onnx", model(w=raw("conv.weight", [2, 1, 3, 3], W.tobytes()[:-4])))
    save("negative_dim.onnx", model(b=raw("conv.bias", [-2], B.tobytes())))
    save("overflowing_dims.onnx", model(b=raw("conv.bias", [1 << 32, 1 << 32])))
    save("conv_weight_rank3.onnx", model(w=numpy_helper.from_array(W.reshape(2, 3, 3), "conv.weight")))
    save("conv_channels.onnx", model(w=numpy_helper.from_array(
        RNG.normal(0, 0.5, (2, 3, 3, 3)).astype(np.float32), "conv.weight")))
    nan = W.copy()
    nan[1, 0, 2, 1] = np.nan
    save("nan_initializer.onnx", model(w=numpy_helper.from_array(nan, "conv.weight")))
    inf = FC.copy()
    inf[0, 1] = -np.inf
    save("inf_initializer.onnx", model(fc=numpy_helper.from_array(inf, "fc.weight")))
