#!/usr/bin/python3
"""Reference outputs and gradients of transposed convolutions from PyTorch 1.13 (float64), for
org.salientsi.core.eval.ConvTransposeReferenceTest.

For each case a seeded ConvTranspose2d (weights [in][out][kh][kw], bias) is applied to a seeded input
(C, H, W); the script writes the output y and the vector-Jacobian product g^T dy/dx for a seeded g of
y's shape (autograd). Asymmetric pads, which ConvTranspose2d does not take, are made as ONNX defines
them: the unpadded output (padding 0, with the output padding) cropped by pads[top, left] at the start
and pads[bottom, right] at the end.

Usage (from the repository root):

    /usr/bin/python3 inference-core/src/test/python/conv_transpose_reference.py \
        inference-core/src/test/resources/org/salientsi/core/eval/torch-conv-transpose.json

Tensors are flat in C order; numbers are JSON floats (the shortest repr that reads back as the same double).
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.manual_seed(20261207)
torch.set_default_dtype(torch.float64)

# name, (C, H, W), out channels, (kh, kw), (sh, sw), pads (top, left, bottom, right), output padding (h, w)
CASES = [
    ("k3 s2 p1 op1", (2, 3, 4), 3, (3, 3), (2, 2), (1, 1, 1, 1), (1, 1)),
    ("k2 s2 (U-Net up-sampling)", (4, 4, 4), 2, (2, 2), (2, 2), (0, 0, 0, 0), (0, 0)),
    ("k3x2 s1x3 p0x1 op0x2", (3, 3, 5), 2, (3, 2), (1, 3), (0, 1, 0, 1), (0, 2)),
    ("k4 s3 p2 op1", (2, 2, 3), 1, (4, 4), (3, 3), (2, 2, 2, 2), (1, 1)),
    ("k1 s1", (3, 2, 2), 4, (1, 1), (1, 1), (0, 0, 0, 0), (0, 0)),
    ("k3 s2 asymmetric pads", (2, 4, 3), 2, (3, 3), (2, 2), (0, 1, 2, 0), (1, 0)),
    ("pads wider than the kernel", (1, 5, 5), 2, (2, 3), (2, 1), (3, 2, 2, 3), (1, 0)),
]


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def run(case):
    name, (c, h, w), out, k, s, pads, op = case
    weight = torch.randn(c, out, *k) * 0.5
    bias = torch.randn(out) * 0.2
    x = torch.randn(1, c, h, w, requires_grad=True)
    symmetric = pads[0] == pads[2] and pads[1] == pads[3]
    if symmetric:
        y = F.conv_transpose2d(x, weight, bias, stride=s, padding=(pads[0], pads[1]), output_padding=op)
    else:
        full = F.conv_transpose2d(x, weight, bias, stride=s, padding=0, output_padding=op)
        y = full[:, :, pads[0]:full.shape[2] - pads[2], pads[1]:full.shape[3] - pads[3]]
    g = torch.randn(y.shape)
    (grad,) = torch.autograd.grad(y, x, grad_outputs=g)
    return {
        "name": name, "in": [c, h, w], "out_channels": out, "kernel": list(k), "stride": list(s),
        "pads": list(pads), "output_padding": list(op), "out_shape": list(y.shape[1:]),
        "weight": flat(weight), "bias": flat(bias), "x": flat(x), "y": flat(y), "g": flat(g), "grad": flat(grad),
    }


def main(path):
    doc = {"torch": torch.__version__, "cases": [run(c) for c in CASES]}
    with open(path, "w") as f:
        json.dump(doc, f)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
