#!/usr/bin/python3
"""Reference outputs of the smooth IR ops from PyTorch 1.13 (float64), for
org.salientsi.core.eval.SmoothKernelReferenceTest.

Each case applies one op to seeded CHW inputs: the elementwise functions (torch.tanh, torch.exp,
torch.erf, torch.sigmoid, GELU as x/2 erfc(-x/sqrt 2)), softmax along each axis and over all elements (torch.softmax),
layer normalisation along each axis (F.layer_norm on the axis moved last, biased variance), Mul and Div
with broadcasting (torch's broadcasting of (C, H, W) tensors), and batched MatMul with a shared side
(torch.matmul broadcasting a one-channel side).

Usage (from the repository root):

    /usr/bin/python3 inference-core/src/test/python/smooth_ops_reference.py \
        inference-core/src/test/resources/org/salientsi/core/eval/torch-smooth-ops.json

Tensors are flat in C order; numbers are JSON floats (the shortest repr that reads back as the same double).
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.manual_seed(20261208)
torch.set_default_dtype(torch.float64)


def tensor(shape, scale=1.0):
    return torch.randn(*shape) * scale


def flat(t):
    return [float(v) for v in t.reshape(-1).tolist()]


def case(op, inputs, out, **extra):
    c = {"op": op, "inputs": [{"shape": list(x.shape), "data": flat(x)} for x in inputs],
         "outShape": list(out.shape), "output": flat(out)}
    c.update(extra)
    return c


def gelu(t):
    """Exact GELU as x/2 erfc(-x/sqrt 2): F.gelu (x/2 (1 + erf(x/sqrt 2))) loses digits as x falls, where
    1 + erf cancels (1e-14 relative at -3, 1e-10 at -5, all of them below about -8); both agree to 1e-14
    relative above -2 (checked below)."""
    y = 0.5 * t * torch.special.erfc(-t / 2 ** 0.5)
    ok = t > -2
    assert torch.allclose(y[ok], F.gelu(t[ok], approximate="none"), rtol=1e-14, atol=0)
    return y


cases = []
x = tensor((2, 3, 8), 3.0)
x[0, 0, :] = torch.tensor([-40.0, -12.0, -5.0, -0.75, 0.0, 1e-3, 7.5, 30.0])
for name, fn in [("Tanh", torch.tanh), ("Exp", torch.exp), ("Erf", torch.erf), ("Sigmoid", torch.sigmoid),
                 ("Gelu", gelu)]:
    cases.append(case(name, [x], fn(x)))

s = tensor((3, 4, 5), 2.0)
for axis in (0, 1, 2):
    cases.append(case("Softmax", [s], torch.softmax(s, dim=axis), axis=axis))
cases.append(case("Softmax", [s], torch.softmax(s.reshape(-1), dim=0).reshape(s.shape), axis=-1))

for axis in (0, 1, 2):
    n = s.shape[axis]
    gamma = tensor((n,))
    beta = tensor((n,))
    eps = 1e-5
    y = F.layer_norm(s.movedim(axis, -1), (n,), weight=gamma, bias=beta, eps=eps).movedim(-1, axis)
    cases.append(case("LayerNorm", [s], y, axis=axis, gamma=flat(gamma), beta=flat(beta), epsilon=eps))

for sa, sb in [((3, 1, 5), (1, 4, 5)), ((3, 4, 5), (3, 4, 1)), ((1, 1, 1), (2, 3, 4))]:
    a = tensor(sa)
    b = tensor(sb)
    cases.append(case("Mul", [a, b], a * b))
    d = torch.sign(b) * (b.abs() + 0.5)
    cases.append(case("Div", [a, d], a / d))

for sa, sb in [((2, 3, 4), (2, 4, 5)), ((1, 3, 4), (2, 4, 5)), ((2, 3, 4), (1, 4, 5))]:
    a = tensor(sa)
    b = tensor(sb)
    cases.append(case("MatMul", [a, b], torch.matmul(a, b)))

doc = {"torch": torch.__version__, "cases": cases}
with open(sys.argv[1], "w") as f:
    json.dump(doc, f, indent=None)
    f.write("\n")
