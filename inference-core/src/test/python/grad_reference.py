#!/usr/bin/env python3
"""Reference gradients from PyTorch (autograd, float64) for the reverse passes of
org.salientsi.core.grad.

A small network that uses every op of the IR that has a transpose (strided,
dilated and grouped convolutions, batch norm in eval mode, leaky ReLU, ReLU,
max pooling with padding and in ceil mode, average pooling with both divisor
rules, zero padding, nearest x2 and bilinear (half-pixel) resizing, a residual
add, channel concatenation, a transpose of H and W, a per-channel affine map,
global max and average pooling, channel-major flatten, dense layers) is built
with seeded weights; for several seeded inputs the script writes the logits,
the gradient of every logit with respect to the input, and the gradient of
every logit with respect to the intermediate node "features" (what Grad-CAM
needs). The Java test rebuilds the network in the IR from the exported
weights and compares.

Usage (from the repository root):

    python3 inference-core/src/test/python/grad_reference.py \
        inference-core/src/test/resources/org/salientsi/core/grad/torch-gradients.json

Tensors are exported flat in C order (NCHW without N; Linear weights as
[out][in]), numbers as JSON floats (Python writes the shortest repr that reads back as
the same double).
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.manual_seed(20261123)
torch.set_default_dtype(torch.float64)

C, H, W = 2, 9, 8


def randn(*shape, scale=1.0):
    return torch.randn(*shape) * scale


params = {
    "conv1.weight": randn(4, 2, 3, 3, scale=0.5), "conv1.bias": randn(4, scale=0.1),
    "bn.gamma": torch.tensor([1.2, 0.8, 1.0, 0.5]), "bn.beta": torch.tensor([0.1, -0.2, 0.0, 0.3]),
    "bn.mean": torch.tensor([0.05, -0.1, 0.2, 0.0]), "bn.var": torch.tensor([1.5, 0.7, 1.0, 2.0]),
    "conv2.weight": randn(4, 2, 3, 3, scale=0.5), "conv2.bias": randn(4, scale=0.1),
    "affine.scale": torch.tensor([1.5, -0.5, 2.0, 1.0, 0.7, -1.2, 0.9, 1.1]),
    "affine.shift": torch.tensor([0.1, 0.0, -0.1, 0.2, 0.05, 0.0, -0.05, 0.1]),
    "conv3.weight": randn(3, 8, 1, 1, scale=0.3).abs() * torch.tensor([1.0, -1.0, 1.0, 1.0, -1.0, 1.0, 1.0, 1.0]).view(1, 8, 1, 1),
    "conv3.bias": torch.tensor([-0.4, 0.3, -0.6]),
    "dense1.weight": randn(6, 3 * 9 * 7, scale=0.1), "dense1.bias": randn(6, scale=0.1),
    "logits.weight": randn(3, 6, scale=0.7), "logits.bias": randn(3, scale=0.1),
}
BN_EPS = 1e-5


def forward(x):
    """x: (1, 2, 9, 8). Returns (logits (3,), features tensor that keeps its gradient)."""
    p = params
    y = F.conv2d(x, p["conv1.weight"], p["conv1.bias"], stride=1, padding=1)            # (4, 9, 8)
    y = F.batch_norm(y, p["bn.mean"], p["bn.var"], p["bn.gamma"], p["bn.beta"], False, 0.0, BN_EPS)
    lr = F.leaky_relu(y, 0.1)
    y = F.conv2d(lr, p["conv2.weight"], p["conv2.bias"], stride=2, padding=2, dilation=2, groups=2)  # (4, 5, 4)
    r = F.relu(y)
    mp = F.max_pool2d(r, 3, stride=1, padding=1)                                         # (4, 5, 4)
    ai = F.avg_pool2d(r, 3, stride=1, padding=1, count_include_pad=True)
    ae = F.avg_pool2d(r, 3, stride=1, padding=1, count_include_pad=False)
    y = torch.cat([mp + ai, ae], dim=1)                                                  # (8, 5, 4)
    y = F.max_pool2d(y, 2, stride=1, padding=0, ceil_mode=True)                          # (8, 4, 3)
    y = F.pad(y, (1, 0, 0, 1))                                                           # left 1, bottom 1: (8, 5, 4)
    y = F.interpolate(y, scale_factor=2, mode="nearest")                                 # (8, 10, 8)
    y = F.interpolate(y, size=(7, 9), mode="bilinear", align_corners=False)              # (8, 7, 9)
    y = y.permute(0, 1, 3, 2)                                                            # (8, 9, 7)
    y = y * p["affine.scale"].view(1, 8, 1, 1) + p["affine.shift"].view(1, 8, 1, 1)
    y = F.relu(y)
    features = F.conv2d(y, p["conv3.weight"], p["conv3.bias"])                           # (3, 9, 7)
    if features.requires_grad:
        features.retain_grad()
    f = F.relu(features)
    pools = torch.cat([f.amax(dim=(2, 3)), f.mean(dim=(2, 3))], dim=1)                   # (1, 6)
    dense = F.linear(f.flatten(1), p["dense1.weight"], p["dense1.bias"])                 # (1, 6)
    logits = F.linear(pools + dense, p["logits.weight"], p["logits.bias"])               # (1, 3)
    return logits[0], features


def main(out_path):
    gen = torch.Generator().manual_seed(7)
    cases = []
    for _ in range(4):
        x0 = torch.randn(1, C, H, W, generator=gen)
        logits, _ = forward(x0)
        grads_in, grads_feat = [], []
        for k in range(3):
            x = x0.clone().requires_grad_(True)
            lg, feat = forward(x)
            lg[k].backward()
            grads_in.append([float(v) for v in x.grad.flatten()])
            grads_feat.append([float(v) for v in feat.grad.flatten()])
        cases.append({"input": [float(v) for v in x0.flatten()],
                      "logits": [float(v) for v in logits.detach()],
                      "grad_input": grads_in, "grad_features": grads_feat})
    doc = {"comment": "generated by inference-core/src/test/python/grad_reference.py with torch "
                      + torch.__version__,
           "input_shape": [C, H, W], "bn_eps": BN_EPS,
           "params": {k: [float(v) for v in t.flatten()] for k, t in params.items()},
           "cases": cases}
    with open(out_path, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
