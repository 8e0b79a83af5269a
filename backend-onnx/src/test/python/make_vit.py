#!/usr/bin/python3
"""Small Vision Transformers and single smooth-op models, exported from PyTorch 1.13 to ONNX, for issue 24
(CI never runs this; the generated files are committed, and the output is deterministic).

Regenerate from the repository root:
    OMP_NUM_THREADS=1 /usr/bin/python3 backend-onnx/src/test/python/make_vit.py backend-onnx/src/test/resources/vit

Each ViT takes a one-channel S x S image (S = 16 or 32) and gives two logits:

    t   = conv(1 -> D, kernel = stride = 4)(x), flattened to (S/4)^2 patch tokens of dimension D = 32
    z   = concat(cls, t) + pos                   (S/4)^2 + 1 tokens (a learned class token first)
    2 blocks:  z = z + proj(softmax(q k^T / sqrt(d), last axis) v)   with q, k, v from one qkv Linear of
                                                                     LayerNorm(z), 2 heads of d = 16
               z = z + fc2(GELU(fc1(LayerNorm(z))))                  exact GELU, hidden 64
    logits = head(LayerNorm(z)[class token])     2 classes

trained briefly (Adam, float32, fixed seeds) to detect the paper's kind of signal: class 1 = a 4 x 4 block
shifted by delta ~ U(1.5, 4) at a uniformly random position (not aligned to the patches) in i.i.d. N(0, 1)
noise, present in half of the images; class 0 = noise only.

Writes into the output directory:
  vit_<S>.onnx                 opset 17 (LayerNormalization op), float32 weights, input "input" (1, 1, S, S),
                               output "logits" (1, 2)
  vit_16_opset14.onnx          the 16 px model at opset 14 (LayerNorm decomposed into ReduceMean, Sub, Pow,
                               Sqrt, Div, Mul, Add)
  vit_16_unfolded.onnx         the 16 px model at opset 17 exported without constant folding (the Shape, Gather,
                               Unsqueeze, Concat subgraphs of every reshape left in the graph)
  vit_reference.json           per model: file, size, opset, tokens, softmax node names and their output tensor
                               names (one per block, shape (1, heads, tokens, tokens)), test accuracy, training
                               loss; and for 3 fixed images (0: noise, 1: noise + block delta 3, 2: noise +
                               block delta 2 elsewhere) the image (row-major S*S), the logits and the class-token
                               attention rows (block, head, tokens) of the model converted to float64 (torch)
  op_<name>.onnx               single-op models (float32 weights) on an input (1, 2, 3, 4) unless noted; see
                               single_ops below and ops.json (name, file, input dims, what it tests)
  ops_reference.json           float64 outputs (torch) of the single-op models with Erf or Conv, which ONNX
                               Runtime cannot run in float64, on 3 inputs each (CHW order)
"""
import json
import math
import os
import sys

import numpy as np
import onnx
import onnx.checker
import torch
import torch.nn as nn
from onnx import TensorProto, helper, numpy_helper

DIM = 32
HEADS = 2
HIDDEN = 64
DEPTH = 2
PATCH = 4


class Attention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.scale = (dim // heads) ** -0.5
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.last = None

    def forward(self, x):
        b, n, d = x.shape
        qkv = self.qkv(x)
        q = qkv[:, :, 0:d].reshape(b, n, self.heads, d // self.heads).transpose(1, 2)
        k = qkv[:, :, d:2 * d].reshape(b, n, self.heads, d // self.heads).transpose(1, 2)
        v = qkv[:, :, 2 * d:3 * d].reshape(b, n, self.heads, d // self.heads).transpose(1, 2)
        a = torch.softmax((q @ k.transpose(-2, -1)) * self.scale, dim=-1)
        self.last = a
        y = (a @ v).transpose(1, 2).reshape(b, n, d)
        return self.proj(y)


class Block(nn.Module):
    def __init__(self, dim, heads, hidden):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.norm2 = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.fc2(self.act(self.fc1(self.norm2(x))))


class ViT(nn.Module):
    def __init__(self, size):
        super().__init__()
        tokens = (size // PATCH) ** 2 + 1
        self.embed = nn.Conv2d(1, DIM, PATCH, stride=PATCH)
        self.cls = nn.Parameter(torch.randn(1, 1, DIM) * 0.02)
        self.pos = nn.Parameter(torch.randn(1, tokens, DIM) * 0.02)
        self.blocks = nn.ModuleList([Block(DIM, HEADS, HIDDEN) for _ in range(DEPTH)])
        self.norm = nn.LayerNorm(DIM)
        self.head = nn.Linear(DIM, 2)

    def forward(self, x):
        t = self.embed(x).flatten(2).transpose(1, 2)
        z = torch.cat([self.cls.expand(x.shape[0], -1, -1), t], dim=1) + self.pos
        for blk in self.blocks:
            z = blk(z)
        return self.head(self.norm(z)[:, 0])


def batch(rng, n, size):
    x = rng.standard_normal((n, 1, size, size))
    y = np.zeros(n, dtype=np.int64)
    for k in range(n):
        if rng.random() < 0.5:
            r, c = rng.integers(0, size - 4 + 1, size=2)
            x[k, 0, r:r + 4, c:c + 4] += rng.uniform(1.5, 4)
            y[k] = 1
    return x, y


def train(size, seed, steps):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = ViT(size)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    loss = None
    for _ in range(steps):
        x, y = batch(rng, 64, size)
        out = model(torch.tensor(x, dtype=torch.float32))
        loss = nn.functional.cross_entropy(out, torch.tensor(y))
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    x, y = batch(np.random.default_rng(seed + 1), 1000, size)
    with torch.no_grad():
        acc = float((model(torch.tensor(x, dtype=torch.float32)).argmax(1).numpy() == y).mean())
    return model, float(loss), acc


def images(size):
    rng = np.random.default_rng(1000 + size)
    base = rng.standard_normal((3, size, size))
    base[1, 2:6, 3:7] += 3.0
    base[2, size - 6:size - 2, size // 2:size // 2 + 4] += 2.0
    return base


def export(model, size, opset, path, fold=True):
    x = torch.zeros(1, 1, size, size)
    torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"], output_names=["logits"],
                      do_constant_folding=fold)
    m = onnx.load(path)
    onnx.checker.check_model(m)
    names = [(n.name, n.output[0]) for n in m.graph.node if n.op_type == "Softmax"]
    return [{"node": a, "output": b} for a, b in names], len(m.graph.node)


def reference(model, size):
    m64 = model.double()
    out = []
    for i, img in enumerate(images(size)):
        with torch.no_grad():
            logits = m64(torch.tensor(img[None, None], dtype=torch.float64))
        rows = [blk.attn.last[0, :, 0, :].numpy().tolist() for blk in m64.blocks]
        out.append({"index": i, "image": img.reshape(-1).tolist(), "logits": logits[0].numpy().tolist(),
                    "cls_attention": rows})
    model.float()
    return out


# ---------------------------------------------------------------------------------------------------------
# single-op models, written with onnx.helper (exact control of the graph)

def f32(name, arr):
    return numpy_helper.from_array(np.asarray(arr, dtype=np.float32), name)


def i64(name, arr):
    return numpy_helper.from_array(np.asarray(arr, dtype=np.int64), name)


def single(path, nodes, inits, out_dims, opset, in_dims=(1, 2, 3, 4)):
    graph = helper.make_graph(nodes, os.path.basename(path)[:-5],
                              [helper.make_tensor_value_info("input", TensorProto.FLOAT, list(in_dims))],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, list(out_dims))],
                              initializer=inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="make_vit.py")
    m.ir_version = 8
    onnx.checker.check_model(m)
    onnx.save(m, path)


def single_ops(out):
    rng = np.random.default_rng(24)
    n = helper.make_node
    specs = []

    def add(name, nodes, inits, out_dims, opset=17, in_dims=(1, 2, 3, 4), what=""):
        single(os.path.join(out, "op_" + name + ".onnx"), nodes, inits, out_dims, opset, in_dims)
        specs.append({"name": name, "file": "op_" + name + ".onnx", "input": list(in_dims), "opset": opset,
                      "output": list(out_dims), "what": what})

    for op in ["Sigmoid", "Tanh", "Exp", "Erf"]:
        add(op.lower(), [n(op, ["input"], ["output"])], [], [1, 2, 3, 4], what=op + " of the image")
    for axis in [1, 2, 3, -1]:
        add("softmax_axis%s" % str(axis).replace("-", "m"), [n("Softmax", ["input"], ["output"], axis=axis)], [],
            [1, 2, 3, 4], what="Softmax along ONNX axis %d (opset 17)" % axis)
    add("softmax_opset11_last", [n("Softmax", ["input"], ["output"], axis=3)], [], [1, 2, 3, 4], opset=11,
        what="Softmax at opset 11 along the last axis (coerced to 2-D from axis 3: same as the last axis)")
    add("softmax_opset11_axis1", [n("Softmax", ["input"], ["output"], axis=1)], [], [1, 2, 3, 4], opset=11,
        what="Softmax at opset 11 from axis 1 (coerced to 2-D: over all C*H*W elements of the sample)")
    add("softmax_opset11_axis2", [n("Softmax", ["input"], ["output"], axis=2)], [], [1, 2, 3, 4], opset=11,
        what="Softmax at opset 11 from axis 2 (coerced to 2-D: over H*W together, refused)")
    # Sigmoid inside: sigmoid gate then a conv
    w = rng.standard_normal((3, 2, 1, 1))
    add("sigmoid_inside", [n("Sigmoid", ["input"], ["s"]), n("Conv", ["s", "w"], ["output"])], [f32("w", w)],
        [1, 3, 3, 4], what="Sigmoid followed by a 1x1 Conv")
    gamma, beta = rng.standard_normal(4), rng.standard_normal(4)
    add("layernorm", [n("LayerNormalization", ["input", "gamma", "beta"], ["output"], axis=-1, epsilon=1e-5)],
        [f32("gamma", gamma), f32("beta", beta)], [1, 2, 3, 4], what="LayerNormalization over the last axis")
    add("layernorm_nobias", [n("LayerNormalization", ["input", "gamma"], ["output"], axis=3, epsilon=1e-3)],
        [f32("gamma", gamma)], [1, 2, 3, 4], what="LayerNormalization, axis 3, no bias, epsilon 1e-3")
    add("layernorm_axis2", [n("LayerNormalization", ["input", "g2"], ["output"], axis=2)],
        [f32("g2", rng.standard_normal((3, 4)))], [1, 2, 3, 4],
        what="LayerNormalization over the last two axes (refused)")
    # decomposed LayerNorm as PyTorch exports it below opset 17
    add("layernorm_decomposed", [
        n("ReduceMean", ["input"], ["mu"], axes=[-1], keepdims=1),
        n("Sub", ["input", "mu"], ["xc"]),
        n("Pow", ["xc", "two"], ["sq"]),
        n("ReduceMean", ["sq"], ["var"], axes=[-1], keepdims=1),
        n("Add", ["var", "eps"], ["ve"]),
        n("Sqrt", ["ve"], ["sd"]),
        n("Div", ["xc", "sd"], ["xn"]),
        n("Mul", ["xn", "gamma"], ["xg"]),
        n("Add", ["xg", "beta"], ["output"])],
        [f32("two", 2.0), f32("eps", 1e-5), f32("gamma", gamma), f32("beta", beta)], [1, 2, 3, 4], opset=14,
        what="LayerNorm decomposed (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add), opset 14")
    # GELU as PyTorch 1.13 exports it, and a variant with Mul by 1/sqrt2 and swapped operands
    add("gelu", [
        n("Div", ["input", "sqrt2"], ["d"]), n("Erf", ["d"], ["e"]), n("Add", ["e", "one"], ["a"]),
        n("Mul", ["input", "a"], ["m"]), n("Mul", ["m", "half"], ["output"])],
        [f32("sqrt2", math.sqrt(2)), f32("one", 1.0), f32("half", 0.5)], [1, 2, 3, 4],
        what="GELU pattern x * (erf(x / sqrt2) + 1) * 0.5 (PyTorch 1.13)")
    add("gelu_variant", [
        n("Mul", ["rsqrt2", "input"], ["d"]), n("Erf", ["d"], ["e"]), n("Add", ["one", "e"], ["a"]),
        n("Mul", ["half", "input"], ["h"]), n("Mul", ["a", "h"], ["output"])],
        [f32("rsqrt2", 1 / math.sqrt(2)), f32("one", 1.0), f32("half", 0.5)], [1, 2, 3, 4],
        what="GELU pattern 0.5 * x * (1 + erf(x * (1/sqrt2))) with operands swapped")
    add("erf_mul", [
        n("Div", ["input", "three"], ["d"]), n("Erf", ["d"], ["e"]), n("Mul", ["input", "e"], ["output"])],
        [f32("three", 3.0)], [1, 2, 3, 4], what="x * erf(x / 3): not GELU, translated unfused (Erf, Mul)")
    # products of two image tensors
    add("mul_self", [n("Mul", ["input", "input"], ["output"])], [], [1, 2, 3, 4], what="x * x")
    add("mul_broadcast_w", [n("Slice", ["input", "z", "o", "a3"], ["r"]), n("Mul", ["input", "r"], ["output"])],
        [i64("z", [0]), i64("o", [1]), i64("a3", [3])], [1, 2, 3, 4],
        what="x * x[..., 0:1]: broadcast along the last axis")
    add("mul_broadcast_c", [n("Slice", ["input", "z", "o", "a1"], ["r"]), n("Mul", ["r", "input"], ["output"])],
        [i64("z", [0]), i64("o", [1]), i64("a1", [1])], [1, 2, 3, 4],
        what="x[:, 0:1] * x: broadcast along channels")
    add("div_broadcast", [n("Exp", ["input"], ["e"]), n("Slice", ["e", "z", "o", "a2"], ["s"]),
                          n("Div", ["e", "s"], ["output"])], [i64("z", [1]), i64("o", [2]), i64("a2", [2])],
        [1, 2, 3, 4], what="exp(x) / exp(x)[:, :, 1:2]: Div with broadcasting along rows")
    add("mul_rank_mismatch", [n("Reshape", ["input", "shp"], ["r"]), n("Slice", ["r", "z", "o", "a1"], ["v"]),
                              n("Reshape", ["v", "shp1"], ["w"]), n("Mul", ["r", "w"], ["output"])],
        [i64("shp", [1, 6, 4]), i64("z", [0]), i64("o", [1]), i64("a1", [1]), i64("shp1", [1, 4])], [1, 6, 4],
        what="tokens [6, 4] times the first token as a vector [4] (operands of different ranks)")
    # MatMul of two image tensors
    add("matmul_rank3", [n("Transpose", ["input"], ["t"], perm=[0, 1, 3, 2]), n("MatMul", ["input", "t"], ["output"])],
        [], [1, 2, 3, 3], what="x @ x^T batched over the 2 channels: (2,3,4) x (2,4,3)")
    add("matmul_rank2", [n("Reshape", ["input", "shp"], ["r"]), n("Transpose", ["r"], ["t"], perm=[0, 2, 1]),
                         n("MatMul", ["t", "r"], ["output"])], [i64("shp", [1, 6, 4])], [1, 4, 4],
        what="r^T r for r = x reshaped to (6, 4) tokens: rank-2 [N, D] product")
    wl, bl = rng.standard_normal((4, 5)), rng.standard_normal(5)
    add("linear_tokens", [n("Reshape", ["input", "shp"], ["r"]), n("MatMul", ["r", "w"], ["m"]),
                          n("Add", ["m", "b"], ["output"])], [i64("shp", [1, 6, 4]), f32("w", wl), f32("b", bl)],
        [1, 6, 5], what="token-wise Linear: [6, 4] tokens @ [4, 5] + bias")
    # class token: Gather, Slice and Concat with a constant
    add("gather_cls", [n("Reshape", ["input", "shp"], ["r"]), n("Gather", ["r", "zero"], ["output"], axis=1)],
        [i64("shp", [1, 6, 4]), i64("zero", 0)], [1, 4], what="Gather of token 0 (scalar index) of [6, 4]")
    add("gather_axis3", [n("Gather", ["input", "idx"], ["output"], axis=3)], [i64("idx", [2])], [1, 2, 3, 1],
        what="Gather along the last axis with a 1-element index")
    add("slice", [n("Slice", ["input", "st", "en", "ax"], ["output"])],
        [i64("st", [1, 1]), i64("en", [3, 100]), i64("ax", [2, 3])], [1, 2, 2, 3],
        what="Slice rows 1..3 and columns 1..end")
    cls = rng.standard_normal((1, 1, 4))
    add("concat_cls", [n("Reshape", ["input", "shp"], ["r"]), n("Concat", ["cls", "r"], ["output"], axis=1)],
        [i64("shp", [1, 6, 4]), f32("cls", cls)], [1, 7, 4], what="Concat of a constant class token before tokens")
    add("concat_const_w", [n("Concat", ["input", "c"], ["output"], axis=3)],
        [f32("c", rng.standard_normal((1, 2, 3, 2)))], [1, 2, 3, 6], what="Concat of a constant along the last axis")
    add("concat_h", [n("Concat", ["input", "input"], ["output"], axis=2)], [], [1, 2, 6, 4],
        what="Concat of two image tensors along rows")
    with open(os.path.join(out, "ops.json"), "w") as f:
        json.dump({"torch": torch.__version__, "onnx": onnx.__version__, "models": specs}, f, indent=1)
    # float64 references (torch) for the models whose ops ONNX Runtime has no float64 kernel for (Erf, Conv)
    f64 = lambda a: torch.tensor(np.asarray(a, dtype=np.float32), dtype=torch.float64)
    refs = {
        "op_erf.onnx": torch.erf,
        "op_gelu.onnx": lambda x: torch.nn.functional.gelu(x),
        "op_gelu_variant.onnx": lambda x: torch.nn.functional.gelu(x),
        "op_erf_mul.onnx": lambda x: x * torch.erf(x / 3.0),
        "op_sigmoid_inside.onnx": lambda x: torch.nn.functional.conv2d(torch.sigmoid(x), f64(w)),
    }
    rows = []
    xr = np.random.default_rng(2401)
    for file, fn in refs.items():
        for i in range(3):
            x = xr.standard_normal((1, 2, 3, 4)) * 2
            rows.append({"file": file, "input": x.reshape(-1).tolist(),
                         "output": fn(torch.tensor(x, dtype=torch.float64)).numpy().reshape(-1).tolist()})
    with open(os.path.join(out, "ops_reference.json"), "w") as f:
        json.dump({"torch": torch.__version__, "note": "GELU models: the exact GELU (x/2)(1 + erf(x/sqrt 2))",
                   "cases": rows}, f)


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.set_num_threads(1)
    models = []
    for size, seed, steps in [(16, 1624, 400), (32, 3224, 400)]:
        model, loss, acc = train(size, seed, steps)
        refs = reference(model, size)
        variants = [(17, "vit_%d.onnx" % size, True)]
        if size == 16:
            variants += [(14, "vit_16_opset14.onnx", True), (17, "vit_16_unfolded.onnx", False)]
        for opset, name, fold in variants:
            softmax, nodes = export(model, size, opset, os.path.join(out, name), fold)
            models.append({"name": name[:-5], "file": name, "size": size, "opset": opset,
                           "tokens": (size // PATCH) ** 2 + 1, "dim": DIM, "heads": HEADS, "depth": DEPTH,
                           "nodes": nodes, "softmax": softmax, "steps": steps, "final_loss": round(loss, 4),
                           "test_accuracy": acc, "images": refs})
            print(name, "nodes", nodes, "loss %.4f acc %.3f" % (loss, acc), "bytes",
                  os.path.getsize(os.path.join(out, name)))
    with open(os.path.join(out, "vit_reference.json"), "w") as f:
        json.dump({"torch": torch.__version__, "models": models}, f)
    single_ops(out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "vit")
