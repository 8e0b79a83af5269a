# Regenerate (run from /work/main):
#   /usr/bin/python3 backend-onnx/src/test/python/make_fixtures.py backend-onnx/src/test/resources/fixtures
# Needs Debian's python3-torch (1.13), python3-onnx (1.12), python3-numpy. CI never runs this;
# the generated files are committed. Output is deterministic (fixed seeds, fixed export options).
"""Build small CNN fixtures for the ONNX backend tests.

For every model NAME this writes into the output directory:
  NAME.onnx                 float32 weights, input (1, C, H, W) NCHW
  NAME_<i>_input.npy        float64 image, channels-last (H, W, C), i = 0, 1, 2
  NAME_<i>_output.npy       float64 model output (torch, model converted to double), shape (1, n)
                            (final sigmoid/softmax applied if the model ends with it)
  NAME_<i>_cam.npy          float64 CAM at input resolution (H, W), only for models whose global
                            pooling feeds the last Linear: cam = sum_k W[target, k] * F_k, F = input of
                            the global pooling, bilinearly upsampled (align_corners=False) if smaller.
                            No bias, no ReLU, no normalisation.
and a manifest.json describing everything (fields: see main()).
"""

import copy
import hashlib
import json
import os
import sys

import numpy as np
import onnx
import onnx.checker
import onnx.numpy_helper
import torch
import torch.nn as nn
import torch.nn.functional as F

N_IMAGES = 3
DEFAULT_OPSET = 13


# --------------------------------------------------------------------------------------------
# models. forward returns (output, features) when self.with_features is set (reference run),
# where features is the tensor fed to the global pooling (None if there is none), and only
# output otherwise (export; avoids a wrapper module that would prefix every node name).
# --------------------------------------------------------------------------------------------

class Net(nn.Module):
    with_features = False

    def ret(self, out, feat):
        return (out, feat) if self.with_features else out


class PaperCam(Net):
    """The paper's CAM network at 8x8x1."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv3 = nn.Conv2d(4, 4, 3, padding=1)
        self.conv4 = nn.Conv2d(4, 4, 3, padding=1)
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.pool(x)
        x = F.relu(self.conv3(x))
        x = F.relu(self.conv4(x))
        feat = self.up(x)
        x = torch.flatten(self.gap(feat), 1)
        return self.ret(torch.sigmoid(self.fc(x)), feat)


class BnLeaky(Net):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.act = nn.LeakyReLU(0.1)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(4, 3, 3, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(3, 1)

    def forward(self, x):
        x = self.pool(self.act(self.bn(self.conv1(x))))
        feat = self.conv2(x)
        x = torch.flatten(self.gap(feat), 1)
        return self.ret(self.fc(x), feat)


class AvgPoolPad(Net):
    """16x16x1; strided dilated conv, AvgPool2d(3, 2, padding=1) with/without count_include_pad."""

    def __init__(self, count_include_pad):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, stride=2, padding=2, dilation=2)  # 16 -> 8
        self.pool = nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=count_include_pad)  # 8 -> 4
        self.conv2 = nn.Conv2d(4, 4, 3, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        feat = F.relu(self.conv2(x))
        x = torch.flatten(self.gap(feat), 1)
        return self.ret(self.fc(x), feat)


class Residual(Net):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 4, 3, padding=1)
        self.conv_a = nn.Conv2d(4, 4, 3, padding=1)
        self.conv_b = nn.Conv2d(4, 4, 3, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        x = F.relu(self.stem(x))
        feat = F.relu(x + self.conv_b(F.relu(self.conv_a(x))))
        x = torch.flatten(self.gap(feat), 1)
        return self.ret(self.fc(x), feat)


class Concat(Net):
    def __init__(self):
        super().__init__()
        self.branch_a = nn.Conv2d(1, 2, 3, padding=1)
        self.branch_b = nn.Conv2d(1, 2, 5, padding=2)
        self.grouped = nn.Conv2d(4, 4, 3, padding=1, groups=2)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        x = torch.cat([F.relu(self.branch_a(x)), F.relu(self.branch_b(x))], dim=1)
        feat = F.relu(self.grouped(x))
        x = torch.flatten(self.gap(feat), 1)
        return self.ret(self.fc(x), feat)


class ResizeBilinear(Net):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 3, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)  # 8 -> 4
        self.conv2 = nn.Conv2d(6, 4, 3, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        a = F.interpolate(x, scale_factor=2, mode="bilinear", align_corners=False)
        b = F.interpolate(x, size=(8, 8), mode="nearest")
        feat = F.relu(self.conv2(torch.cat([a, b], dim=1)))
        x = torch.flatten(self.gap(feat), 1)
        return self.ret(self.fc(x), feat)


class ReduceMeanGap(Net):
    def __init__(self, softmax):
        super().__init__()
        self.softmax = softmax
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 4, 3, padding=1)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        feat = F.relu(self.conv2(F.relu(self.conv1(x))))
        x = feat.mean(dim=(2, 3))
        x = torch.flatten(x, 1)
        x = self.fc(x)
        if self.softmax:
            x = torch.softmax(x, dim=1)
        return self.ret(x, feat)


class RgbMulti(Net):
    """3x8x8 input, conv -> view(n, -1) -> Linear(., 2). No GAP, so no CAM."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)  # 8 -> 4
        self.conv2 = nn.Conv2d(4, 2, 3, padding=1)
        self.fc = nn.Linear(2 * 4 * 4, 2)

    def forward(self, x):
        x = F.relu(self.conv2(self.pool(F.relu(self.conv1(x)))))
        x = x.view(x.size(0), -1)
        return self.ret(self.fc(x), None)


class DynamicFcn(Net):
    """Fully convolutional + GAP; exported with dynamic H and W."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 4, 3, padding=1)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(4, 1)

    def forward(self, x):
        feat = F.relu(self.conv2(F.relu(self.conv1(x))))
        x = torch.flatten(self.gap(feat), 1)
        return self.ret(self.fc(x), feat)


# --------------------------------------------------------------------------------------------
# fixture specs
# --------------------------------------------------------------------------------------------

# name, builder, seed, (C, H, W) nominal, opset, options
SPECS = [
    dict(name="paper_cam", build=PaperCam, seed=101, chw=(1, 8, 8), opset=DEFAULT_OPSET,
         activation="sigmoid"),
    # same network/weights, old opset: Upsample op instead of Resize
    dict(name="paper_cam_opset9", build=PaperCam, seed=101, chw=(1, 8, 8), opset=9,
         activation="sigmoid"),
    # same network/weights, initializers rewritten as float_data/int64_data instead of raw_data
    dict(name="paper_cam_typed", build=PaperCam, seed=101, chw=(1, 8, 8), opset=DEFAULT_OPSET,
         activation="sigmoid", typed_initializers=True),
    # TrainingMode.PRESERVE on an eval() model keeps BatchNormalization (EVAL would fuse it into Conv)
    dict(name="bn_leaky", build=BnLeaky, seed=202, chw=(1, 8, 8), opset=DEFAULT_OPSET, activation="none",
         preserve_bn=True),
    dict(name="avgpool_pad_incl", build=lambda: AvgPoolPad(True), seed=303, chw=(1, 16, 16),
         opset=DEFAULT_OPSET, activation="none"),
    dict(name="avgpool_pad_excl", build=lambda: AvgPoolPad(False), seed=303, chw=(1, 16, 16),
         opset=DEFAULT_OPSET, activation="none"),
    dict(name="residual", build=Residual, seed=404, chw=(1, 8, 8), opset=11, activation="none"),
    dict(name="concat", build=Concat, seed=505, chw=(1, 8, 8), opset=17, activation="none"),
    dict(name="resize_bilinear", build=ResizeBilinear, seed=606, chw=(1, 8, 8), opset=DEFAULT_OPSET,
         activation="none"),
    dict(name="reducemean_gap", build=lambda: ReduceMeanGap(False), seed=707, chw=(1, 8, 8),
         opset=DEFAULT_OPSET, activation="none"),
    dict(name="reducemean_gap_softmax", build=lambda: ReduceMeanGap(True), seed=707,
         chw=(1, 8, 8), opset=DEFAULT_OPSET, activation="softmax"),
    # default tensor names (input.1, numeric output), dynamic batch axis and constant folding off
    # so that view(x.size(0), -1) stays as Shape/Gather/Unsqueeze/Concat/Reshape (with a static
    # batch the exporter folds x.size(0) into a Constant)
    dict(name="rgb_multi", build=RgbMulti, seed=808, chw=(3, 8, 8), opset=DEFAULT_OPSET, activation="none",
         default_names=True, no_constant_folding=True, dynamic_batch=True),
    dict(name="dynamic_fcn", build=DynamicFcn, seed=909, chw=(1, 8, 8), opset=DEFAULT_OPSET,
         activation="none", dynamic_hw=True,
         image_sizes=[(8, 8), (16, 16), (12, 10)]),
]


def make_images(spec):
    """N_IMAGES seeded channels-last float64 images: noise plus a bright blob."""
    c, h, w = spec["chw"]
    images = []
    for i, (ih, iw) in enumerate(spec.get("image_sizes", [(h, w)] * N_IMAGES)):
        rng = np.random.default_rng(spec["seed"] * 1000 + i)
        img = rng.normal(0.0, 1.0, size=(ih, iw, c))
        cy, cx = rng.integers(0, ih), rng.integers(0, iw)
        yy, xx = np.mgrid[0:ih, 0:iw]
        img += 2.0 * np.exp(-((yy - cy) ** 2 + (xx - cx) ** 2) / 4.0)[:, :, None]
        images.append(img.astype(np.float64))
    return images


def to_nchw(img, dtype):
    return torch.from_numpy(np.ascontiguousarray(img.transpose(2, 0, 1)[None])).to(dtype)


def init_model(spec, images):
    """Seeded weights. Default torch init on 4-channel nets gives near-constant outputs, so
    convs get Kaiming-normal weights and small uniform biases, the head N(0, 1) weights, and
    the head bias is set so the head's pre-activation is centred over the fixture images
    (sigmoid outputs around 0.5, multi-class arg-max not the same class for every image)."""
    torch.manual_seed(spec["seed"])
    model = spec["build"]()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
                nn.init.uniform_(m.bias, -0.2, 0.2)
        nn.init.normal_(model.fc.weight, 0.0, 1.0)
    # non-trivial BatchNorm parameters and running statistics, from the same seed
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            g = torch.Generator().manual_seed(spec["seed"] + 1)
            n = m.num_features
            with torch.no_grad():
                m.weight.copy_(0.5 + torch.rand(n, generator=g))
                m.bias.copy_(torch.randn(n, generator=g) * 0.2)
                m.running_mean.copy_(torch.randn(n, generator=g) * 0.3)
                m.running_var.copy_(0.5 + torch.rand(n, generator=g))
    model.eval()
    # centre the head: bias = -W @ mean(head input over the fixture images)
    seen = []
    hook = model.fc.register_forward_hook(lambda mod, inp, out: seen.append(inp[0].detach()))
    with torch.no_grad():
        for img in images:
            model(to_nchw(img, torch.float32))
        hook.remove()
        mean_in = torch.cat(seen, 0).mean(0)
        model.fc.bias.copy_(-(model.fc.weight @ mean_in) + 0.05)
    return model


def export(spec, model, path):
    c, h, w = spec["chw"]
    dummy = torch.zeros(1, c, h, w, dtype=torch.float32)
    kwargs = dict(opset_version=spec["opset"], export_params=True,
                  do_constant_folding=not spec.get("no_constant_folding", False))
    if not spec.get("default_names"):
        kwargs["input_names"] = ["input"]
        kwargs["output_names"] = ["output"]
    if spec.get("dynamic_hw"):
        kwargs["dynamic_axes"] = {"input": {2: "H", 3: "W"}}
    if spec.get("dynamic_batch"):
        kwargs["input_names"] = ["input.1"]  # the name torch would pick anyway
        kwargs["dynamic_axes"] = {"input.1": {0: "batch"}}
    if spec.get("preserve_bn"):
        kwargs["training"] = torch.onnx.TrainingMode.PRESERVE
    torch.onnx.export(model, dummy, path, **kwargs)
    m = onnx.load(path)
    if spec.get("typed_initializers"):
        m = to_typed_initializers(m)
    # make the bytes independent of the torch build string
    m.producer_version = torch.__version__.split("+")[0]
    onnx.checker.check_model(m)
    onnx.save(m, path)
    return m


def to_typed(t):
    """A copy of tensor t with its data in float_data / int64_data instead of raw_data."""
    arr = onnx.numpy_helper.to_array(t)
    new = onnx.TensorProto()
    if t.HasField("name"):
        new.name = t.name
    new.data_type = t.data_type
    new.dims.extend(t.dims)
    if t.data_type == onnx.TensorProto.FLOAT:
        new.float_data.extend(arr.astype(np.float32).ravel().tolist())
    elif t.data_type == onnx.TensorProto.INT64:
        new.int64_data.extend(arr.astype(np.int64).ravel().tolist())
    else:
        raise ValueError("unexpected tensor type %d" % t.data_type)
    return new


def to_typed_initializers(m):
    """Rewrite every initializer and Constant-node tensor from raw_data to typed fields."""
    for t in m.graph.initializer:
        t.CopyFrom(to_typed(t))
    for n in m.graph.node:
        if n.op_type == "Constant":
            for a in n.attribute:
                if a.name == "value":
                    a.t.CopyFrom(to_typed(a.t))
    return m


def storage_of(t):
    if t.HasField("raw_data") or len(t.raw_data) > 0:
        return "raw_data"
    for f in ("float_data", "int64_data", "int32_data", "double_data"):
        if len(getattr(t, f)) > 0:
            return f
    return "empty"


def dims_of(value_info):
    out = []
    for d in value_info.type.tensor_type.shape.dim:
        out.append(d.dim_param if d.HasField("dim_param") else d.dim_value)
    return out


def graph_facts(m):
    """Feature tensor (input of the global pooling), head Gemm weight, op types."""
    g = m.graph
    ops = sorted({n.op_type for n in g.node})
    pool = [n for n in g.node if n.op_type in ("GlobalAveragePool", "ReduceMean")]
    feature = pool[-1].input[0] if pool else None
    gemm = [n for n in g.node if n.op_type in ("Gemm", "MatMul")]
    head = gemm[-1] if gemm else None
    head_info = None
    if head is not None:
        trans_b = 0
        for a in head.attribute:
            if a.name == "transB":
                trans_b = a.i
        head_info = {"node": head.name, "op_type": head.op_type, "weight": head.input[1],
                     "bias": head.input[2] if len(head.input) > 2 else None, "transB": trans_b}
    return ops, feature, head_info


def cam_of(model64, feat, target, hw):
    """cam(h, w) = sum_k W[target, k] F_k(h, w), F upsampled bilinearly to input resolution."""
    weight = model64.fc.weight.detach()  # (n_out, K), float64
    f = feat
    if tuple(f.shape[2:]) != tuple(hw):
        f = F.interpolate(f, size=tuple(hw), mode="bilinear", align_corners=False)
    cam = torch.einsum("k,khw->hw", weight[target], f[0])
    return cam.numpy().astype(np.float64)


def check_cam(model64, spec, cam, feat, out, target):
    """With F at input resolution (or exact x2 bilinear, which preserves the mean),
    mean(cam) + bias[target] is the logit of the target class."""
    logit = out
    if spec["activation"] == "sigmoid":
        logit = torch.logit(out)
    elif spec["activation"] == "softmax":
        return  # logits are only known up to a constant
    expect = float(logit[0, target])
    got = float(cam.mean()) + float(model64.fc.bias[target])
    ratio = cam.shape[0] / feat.shape[2]
    if ratio in (1, 2) and abs(expect - got) > 1e-9 * max(1.0, abs(expect)):
        raise AssertionError("%s: mean(cam)+b=%r but logit=%r" % (spec["name"], got, expect))


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)
    manifest = {"generator": "backend-onnx/src/test/python/make_fixtures.py",
                "command": "/usr/bin/python3 backend-onnx/src/test/python/make_fixtures.py "
                           "backend-onnx/src/test/resources/fixtures",
                "torch": torch.__version__.split("+")[0], "onnx": onnx.__version__,
                "layout": {"input_npy": "(H, W, C) float64", "onnx_input": "(1, C, H, W) float32",
                           "output_npy": "(1, n) float64", "cam_npy": "(H, W) float64"},
                "cam_definition": "sum_k W[target,k] * F_k(h,w); F = input of the global pooling "
                                  "(feature_node), bilinear align_corners=False upsampling to "
                                  "input resolution if smaller; no bias",
                "fixtures": []}
    for spec in SPECS:
        name = spec["name"]
        images = make_images(spec)
        model = init_model(spec, images)
        model64 = copy.deepcopy(model).double()
        model64.with_features = True
        path = os.path.join(out_dir, name + ".onnx")
        m = export(spec, model, path)
        ops, feature, head = graph_facts(m)
        opset = [{"domain": o.domain, "version": o.version} for o in m.opset_import]
        g = m.graph
        storages = sorted({storage_of(t) for t in g.initializer})
        c, h, w = spec["chw"]
        has_cam = feature is not None
        multi = model.fc.out_features > 1
        entry = {
            "name": name,
            "model": name + ".onnx",
            "bytes": os.path.getsize(path),
            "sha256": hashlib.sha256(open(path, "rb").read()).hexdigest(),
            "opset": spec["opset"],
            "opset_import": opset,
            "ir_version": m.ir_version,
            "input_name": g.input[0].name,
            "input_shape": dims_of(g.input[0]),
            "output_name": g.output[0].name,
            "output_shape": dims_of(g.output[0]),
            "output_activation": spec["activation"],
            "n_outputs": model.fc.out_features,
            "ops": ops,
            "initializer_storage": storages,
            "n_initializers": len(g.initializer),
            "feature_node": feature,
            "feature_shape": None,
            "head": head,
            "cam_target_rule": None if not has_cam else ("argmax" if multi else "0"),
            "images": [],
        }
        for i, img in enumerate(images):
            ih, iw = img.shape[:2]
            x64 = to_nchw(img, torch.float64)
            with torch.no_grad():
                out, feat = model64(x64)
            out_np = out.numpy().astype(np.float64)
            rec = {"index": i, "input_hw": [ih, iw],
                   "input": "%s_%d_input.npy" % (name, i),
                   "output": "%s_%d_output.npy" % (name, i)}
            np.save(os.path.join(out_dir, rec["input"]), img)
            np.save(os.path.join(out_dir, rec["output"]), out_np)
            if has_cam:
                target = int(np.argmax(out_np[0])) if multi else 0
                cam = cam_of(model64, feat, target, (ih, iw))
                check_cam(model64, spec, cam, feat, out, target)
                rec["cam"] = "%s_%d_cam.npy" % (name, i)
                rec["cam_target"] = target
                rec["feature_shape"] = list(feat.shape)
                np.save(os.path.join(out_dir, rec["cam"]), cam)
                entry["feature_shape"] = (list(feat.shape[:2]) + ["H", "W"]
                                          if spec.get("dynamic_hw") else list(feat.shape))
            else:
                rec["cam"] = None
                rec["cam_target"] = None
            entry["images"].append(rec)
        manifest["fixtures"].append(entry)
        print("%-24s opset=%-2d ir=%d %6d B in=%s%s out=%s%s init=%s feature=%s\n    ops: %s"
              % (name, spec["opset"], m.ir_version, entry["bytes"], entry["input_name"],
                 entry["input_shape"], entry["output_name"], entry["output_shape"],
                 ",".join(storages), feature, " ".join(ops)))
    with open(os.path.join(out_dir, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=1, sort_keys=True)
        fh.write("\n")
    total = sum(os.path.getsize(os.path.join(out_dir, f)) for f in os.listdir(out_dir))
    print("wrote %d fixtures, %d files, %d bytes total into %s"
          % (len(SPECS), len(os.listdir(out_dir)), total, out_dir))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_fixtures.py OUTPUT_DIR")
    main(sys.argv[1])
