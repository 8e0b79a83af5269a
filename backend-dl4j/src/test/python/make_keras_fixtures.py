#!/usr/bin/python3
"""Writes the small Keras 2 HDF5 test fixtures of backend-dl4j (h5py + numpy only, no TensorFlow).

Run from the repository root:
    /usr/bin/python3 backend-dl4j/src/test/python/make_keras_fixtures.py [--broken-only]

Output directory: backend-dl4j/src/test/resources/org/salientsi/backend/dl4j/keras/
  functional_mixed.h5     a Keras 2.8 functional model (seeded weights, not the paper's) with
                          Conv2D (stride 2, same), BatchNormalization, ZeroPadding2D, Conv2D
                          (dilation 2, valid), LeakyReLU, AveragePooling2D (same), Add, Concatenate,
                          MaxPooling2D, Flatten, Dropout, Dense softmax
  sequential_flatten.h5   a Keras 2.8 Sequential model: Conv2D (same), MaxPooling2D, Flatten, Dense,
                          Dense softmax
  functional_mlp.h5       a Keras 2.8 functional model that flattens its image input first: Flatten,
                          Dense relu, Dense sigmoid
  *_reference.txt         their outputs in float64 NumPy (an independent reference: channels last,
                          Keras semantics) for two inputs, see INPUTS below
  gru_layer.h5            the paper's model_8 architecture (model_config only, no weights) with the
                          layer conv2d_6 re-labelled class_name "GRU": a layer DL4J cannot import
  keras3_version.h5       the same config with keras_version "3.3.3": what Keras 3 writes
The bad files hold attributes only (no weights), so that no copy of the paper's weights is kept.

Output directory bad/ (and a copy in cli/src/test/resources/models/bad/ for the command line's catalogue):
  grey8_base.h5           a valid Keras 2.8 functional model of 8x8x1 images (seeded weights): Conv2D 3x3
                          (2 filters, relu), Flatten, Dense 3 relu, Dense 1; the files below differ from it in
                          one thing each, so that only the weight check stands between them and a p-value
  dense_kernel_transposed.h5  the first Dense kernel stored as [3, 72] instead of [72, 3]
  dense_kernel_wrong_in.h5    the first Dense kernel of shape [64, 3] (the input has 72 features)
  conv_kernel_transposed.h5   the Conv2D kernel in PyTorch's [out, in, kh, kw] order, [2, 1, 3, 3]
  missing_weight.h5       the second Dense layer without its bias
  extra_weight.h5         the first Dense layer with a third weight (gamma)
  flatten_with_weight.h5  the Flatten layer holding a kernel
  nan_weight.h5           a NaN in the Conv2D kernel
  inf_weight.h5           +Infinity in the second Dense kernel
  bias_wrong_length.h5    the Conv2D bias of length 3 (the layer has 2 filters)
  huge_dataset.h5         the first Dense kernel claiming shape [16000, 16000] (1 GB; no data written)
  huge_chunked.h5         the same claim in a chunked, gzip-compressed dataset (no chunk written)
  huge_cap.h5             a chunked, compressed kernel claiming [100000, 100000] (40 GB, over the hard cap)
  deep_config.h5          a model_config nested 5000 levels deep
  stray_layer_weights.h5  weights for a layer that the architecture does not have
"""
import json
import math
import os
import sys

import h5py
import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
PAPER = os.path.join(ROOT, "examples", "models", "paper", "model_8.h5")
OUT = os.path.join(ROOT, "backend-dl4j", "src", "test", "resources", "org", "salientsi", "backend", "dl4j", "keras")
RNG = np.random.RandomState(20261123)

INPUTS = ("batch 0: x[h][w][c] = sin(0.37*i + 0.1), batch 1: x[h][w][c] = 1.5*cos(0.23*i - 0.4), "
          "where i = (h*W + w)*C + c (channels-last flat index)")


def make_inputs(h, w, c):
    i = np.arange(h * w * c, dtype=np.float64)
    return np.stack([np.sin(0.37 * i + 0.1).reshape(h, w, c), (1.5 * np.cos(0.23 * i - 0.4)).reshape(h, w, c)])


# ---------------------------------------------------------------- numpy ops (NHWC, float64, Keras semantics)
def same_pads(n, k, s, d=1):
    out = -(-n // s)
    total = max((out - 1) * s + (k - 1) * d + 1 - n, 0)
    return total // 2, total - total // 2


def conv2d(x, K, b, strides=(1, 1), padding="valid", dilation=(1, 1)):
    kh, kw, C, O = K.shape
    if padding == "same":
        pt, pb = same_pads(x.shape[1], kh, strides[0], dilation[0])
        pl, pr = same_pads(x.shape[2], kw, strides[1], dilation[1])
        x = np.pad(x, ((0, 0), (pt, pb), (pl, pr), (0, 0)))
    N, H, W, _ = x.shape
    eh, ew = (kh - 1) * dilation[0] + 1, (kw - 1) * dilation[1] + 1
    oh, ow = (H - eh) // strides[0] + 1, (W - ew) // strides[1] + 1
    out = np.zeros((N, oh, ow, O))
    for i in range(kh):
        for j in range(kw):
            patch = x[:, i * dilation[0]: i * dilation[0] + (oh - 1) * strides[0] + 1: strides[0],
                      j * dilation[1]: j * dilation[1] + (ow - 1) * strides[1] + 1: strides[1], :]
            out += np.einsum("nhwc,co->nhwo", patch, K[i, j])
    return out + b


def pool2d(x, k, s, padding, kind):
    N, H, W, C = x.shape
    if padding == "same":
        pt, pb = same_pads(H, k[0], s[0])
        pl, pr = same_pads(W, k[1], s[1])
    else:
        pt = pb = pl = pr = 0
    oh, ow = (H + pt + pb - k[0]) // s[0] + 1, (W + pl + pr - k[1]) // s[1] + 1
    out = np.zeros((N, oh, ow, C))
    for y in range(oh):
        for z in range(ow):
            h0, w0 = y * s[0] - pt, z * s[1] - pl
            win = x[:, max(h0, 0): min(h0 + k[0], H), max(w0, 0): min(w0 + k[1], W), :]
            out[:, y, z, :] = win.max(axis=(1, 2)) if kind == "max" else win.mean(axis=(1, 2))  # Keras excludes padding
    return out


def batchnorm(x, gamma, beta, mean, var, eps):
    return gamma * (x - mean) / np.sqrt(var + eps) + beta


def softmax(v):
    e = np.exp(v - v.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


# ---------------------------------------------------------------- Keras 2.8 config and HDF5 writing
INIT = {"class_name": "GlorotUniform", "config": {"seed": None}}
ZEROS = {"class_name": "Zeros", "config": {}}


def conv_cfg(name, filters, k, strides=(1, 1), padding="valid", dilation=(1, 1), activation="linear", bias=True):
    return {"name": name, "trainable": True, "dtype": "float32", "filters": filters, "kernel_size": list(k),
            "strides": list(strides), "padding": padding, "data_format": "channels_last",
            "dilation_rate": list(dilation), "groups": 1, "activation": activation, "use_bias": bias,
            "kernel_initializer": INIT, "bias_initializer": ZEROS, "kernel_regularizer": None,
            "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}


def dense_cfg(name, units, activation):
    return {"name": name, "trainable": True, "dtype": "float32", "units": units, "activation": activation,
            "use_bias": True, "kernel_initializer": INIT, "bias_initializer": ZEROS, "kernel_regularizer": None,
            "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None}


def pool_cfg(name, k, strides, padding):
    return {"name": name, "trainable": True, "dtype": "float32", "pool_size": list(k), "padding": padding,
            "strides": list(strides), "data_format": "channels_last"}


def bn_cfg(name, eps):
    return {"name": name, "trainable": True, "dtype": "float32", "axis": [3], "momentum": 0.99, "epsilon": eps,
            "center": True, "scale": True, "beta_initializer": ZEROS, "gamma_initializer": {"class_name": "Ones", "config": {}},
            "moving_mean_initializer": ZEROS, "moving_variance_initializer": {"class_name": "Ones", "config": {}},
            "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None}


def plain_cfg(name, **extra):
    cfg = {"name": name, "trainable": True, "dtype": "float32"}
    cfg.update(extra)
    return cfg


def f32(a):
    """Weights are stored as float32; the reference uses exactly those values."""
    return np.asarray(a, dtype=np.float32)


def write_model(path, model_config, layer_names, weights):
    """weights: {layer: [(weight name, float32 array), ...]} in Keras order."""
    with h5py.File(path, "w") as f:
        f.attrs["backend"] = "tensorflow"
        f.attrs["keras_version"] = "2.8.0"
        f.attrs["model_config"] = json.dumps(model_config)
        mw = f.create_group("model_weights")
        mw.attrs["backend"] = "tensorflow"
        mw.attrs["keras_version"] = "2.8.0"
        mw.attrs["layer_names"] = np.array([n.encode() for n in layer_names])
        for n in layer_names:
            g = mw.create_group(n)
            ws = weights.get(n, [])
            g.attrs["weight_names"] = np.array([f"{n}/{w}:0".encode() for w, _ in ws])
            if ws:
                sub = g.create_group(n)
                for w, a in ws:
                    sub.create_dataset(f"{w}:0", data=a)
    print("wrote", os.path.relpath(path, ROOT), os.path.getsize(path), "bytes")


def write_reference(path, title, x, y, script="make_keras_fixtures.py"):
    with open(path, "w") as f:
        f.write(f"# {title}\n")
        f.write("# Independent float64 NumPy forward pass with Keras semantics (channels last); generated by\n")
        f.write(f"#   /usr/bin/python3 backend-dl4j/src/test/python/{script}   (from the repository root)\n")
        f.write(f"# Inputs, shape (H, W, C) = {x.shape[1:]}: {INPUTS}\n")
        f.write("# One line per input: the model's output vector.\n")
        f.write(f"shape {x.shape[1]} {x.shape[2]} {x.shape[3]}\n")
        for b in range(y.shape[0]):
            f.write("output " + " ".join(repr(float(v)) for v in y[b]) + "\n")
    print("wrote", os.path.relpath(path, ROOT))


def inbound(*names):
    return [[[n, 0, 0, {}] for n in names]]


def functional_mixed():
    H, W, C = 7, 7, 2
    w = {}
    w["conv_a"] = [("kernel", f32(RNG.normal(0, 0.5, (3, 3, C, 4)))), ("bias", f32(RNG.normal(0, 0.1, 4)))]
    w["bn"] = [("gamma", f32(RNG.uniform(0.5, 1.5, 4))), ("beta", f32(RNG.normal(0, 0.2, 4))),
               ("moving_mean", f32(RNG.normal(0, 0.3, 4))), ("moving_variance", f32(RNG.uniform(0.5, 2.0, 4)))]
    w["conv_b"] = [("kernel", f32(RNG.normal(0, 0.5, (2, 2, 4, 4)))), ("bias", f32(RNG.normal(0, 0.1, 4)))]
    w["conv_c"] = [("kernel", f32(RNG.normal(0, 0.5, (1, 1, 4, 4)))), ("bias", f32(RNG.normal(0, 0.1, 4)))]
    w["dense"] = [("kernel", f32(RNG.normal(0, 0.5, (2 * 2 * 8, 3)))), ("bias", f32(RNG.normal(0, 0.1, 3)))]
    layers = [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, H, W, C], "dtype": "float32",
                                                "sparse": False, "ragged": False, "name": "image"},
         "name": "image", "inbound_nodes": []},
        {"class_name": "Conv2D", "config": conv_cfg("conv_a", 4, (3, 3), (2, 2), "same", activation="relu"),
         "name": "conv_a", "inbound_nodes": inbound("image")},
        {"class_name": "BatchNormalization", "config": bn_cfg("bn", 0.001), "name": "bn", "inbound_nodes": inbound("conv_a")},
        {"class_name": "ZeroPadding2D", "config": plain_cfg("pad", padding=[[1, 0], [0, 1]], data_format="channels_last"),
         "name": "pad", "inbound_nodes": inbound("bn")},
        {"class_name": "Conv2D", "config": conv_cfg("conv_b", 4, (2, 2), dilation=(2, 2)), "name": "conv_b",
         "inbound_nodes": inbound("pad")},
        {"class_name": "LeakyReLU", "config": plain_cfg("leaky", alpha=0.3), "name": "leaky", "inbound_nodes": inbound("conv_b")},
        {"class_name": "AveragePooling2D", "config": pool_cfg("avg", (2, 2), (1, 1), "same"), "name": "avg",
         "inbound_nodes": inbound("leaky")},
        {"class_name": "Conv2D", "config": conv_cfg("conv_c", 4, (1, 1)), "name": "conv_c", "inbound_nodes": inbound("avg")},
        {"class_name": "Add", "config": plain_cfg("add"), "name": "add", "inbound_nodes": inbound("avg", "conv_c")},
        {"class_name": "Concatenate", "config": plain_cfg("concat", axis=-1), "name": "concat",
         "inbound_nodes": inbound("add", "leaky")},
        {"class_name": "MaxPooling2D", "config": pool_cfg("max", (2, 2), (1, 1), "valid"), "name": "max",
         "inbound_nodes": inbound("concat")},
        {"class_name": "Flatten", "config": plain_cfg("flatten", data_format="channels_last"), "name": "flatten",
         "inbound_nodes": inbound("max")},
        {"class_name": "Dropout", "config": plain_cfg("dropout", rate=0.5, noise_shape=None, seed=None),
         "name": "dropout", "inbound_nodes": inbound("flatten")},
        {"class_name": "Dense", "config": dense_cfg("dense", 3, "softmax"), "name": "dense", "inbound_nodes": inbound("dropout")},
    ]
    config = {"class_name": "Functional", "config": {"name": "mixed", "layers": layers,
                                                      "input_layers": [["image", 0, 0]], "output_layers": [["dense", 0, 0]]}}
    write_model(os.path.join(OUT, "functional_mixed.h5"), config, [l["name"] for l in layers], w)

    def d(n):
        return {k: np.asarray(a, dtype=np.float64) for k, a in w[n]}
    x = make_inputs(H, W, C)
    a = np.maximum(conv2d(x, d("conv_a")["kernel"], d("conv_a")["bias"], (2, 2), "same"), 0)   # 4x4x4
    bn = d("bn")
    a = batchnorm(a, bn["gamma"], bn["beta"], bn["moving_mean"], bn["moving_variance"], 0.001)
    a = np.pad(a, ((0, 0), (1, 0), (0, 1), (0, 0)))                                              # 5x5x4
    a = conv2d(a, d("conv_b")["kernel"], d("conv_b")["bias"], dilation=(2, 2))                   # 3x3x4
    leaky = np.where(a > 0, a, 0.3 * a)
    avg = pool2d(leaky, (2, 2), (1, 1), "same", "avg")                                            # 3x3x4
    c = conv2d(avg, d("conv_c")["kernel"], d("conv_c")["bias"])
    cat = np.concatenate([avg + c, leaky], axis=-1)                                               # 3x3x8
    m = pool2d(cat, (2, 2), (1, 1), "valid", "max")                                               # 2x2x8
    flat = m.reshape(m.shape[0], -1)                                                              # HWC order
    y = softmax(flat @ d("dense")["kernel"] + d("dense")["bias"])
    write_reference(os.path.join(OUT, "functional_mixed_reference.txt"), "functional_mixed.h5", x, y)


def sequential_flatten():
    H, W, C = 6, 6, 2
    w = {"conv2d": [("kernel", f32(RNG.normal(0, 0.5, (3, 3, C, 3)))), ("bias", f32(RNG.normal(0, 0.1, 3)))],
         "dense": [("kernel", f32(RNG.normal(0, 0.5, (27, 4)))), ("bias", f32(RNG.normal(0, 0.1, 4)))],
         "dense_1": [("kernel", f32(RNG.normal(0, 0.5, (4, 3)))), ("bias", f32(RNG.normal(0, 0.1, 3)))]}
    layers = [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, H, W, C], "dtype": "float32",
                                                "sparse": False, "ragged": False, "name": "conv2d_input"}},
        {"class_name": "Conv2D", "config": conv_cfg("conv2d", 3, (3, 3), padding="same", activation="relu")},
        {"class_name": "MaxPooling2D", "config": pool_cfg("max_pooling2d", (2, 2), (2, 2), "valid")},
        {"class_name": "Flatten", "config": plain_cfg("flatten", data_format="channels_last")},
        {"class_name": "Dense", "config": dense_cfg("dense", 4, "relu")},
        {"class_name": "Dense", "config": dense_cfg("dense_1", 3, "softmax")},
    ]
    config = {"class_name": "Sequential", "config": {"name": "sequential", "layers": layers}}
    names = ["conv2d", "max_pooling2d", "flatten", "dense", "dense_1"]
    write_model(os.path.join(OUT, "sequential_flatten.h5"), config, names, w)

    def d(n):
        return {k: np.asarray(a, dtype=np.float64) for k, a in w[n]}
    x = make_inputs(H, W, C)
    a = np.maximum(conv2d(x, d("conv2d")["kernel"], d("conv2d")["bias"], padding="same"), 0)
    a = pool2d(a, (2, 2), (2, 2), "valid", "max")
    flat = a.reshape(a.shape[0], -1)
    h = np.maximum(flat @ d("dense")["kernel"] + d("dense")["bias"], 0)
    y = softmax(h @ d("dense_1")["kernel"] + d("dense_1")["bias"])
    write_reference(os.path.join(OUT, "sequential_flatten_reference.txt"), "sequential_flatten.h5", x, y)


def functional_mlp():
    H, W, C = 4, 3, 2
    w = {"hidden": [("kernel", f32(RNG.normal(0, 0.5, (H * W * C, 5)))), ("bias", f32(RNG.normal(0, 0.1, 5)))],
         "score": [("kernel", f32(RNG.normal(0, 0.5, (5, 1)))), ("bias", f32(RNG.normal(0, 0.1, 1)))]}
    layers = [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, H, W, C], "dtype": "float32",
                                                "sparse": False, "ragged": False, "name": "pixels"},
         "name": "pixels", "inbound_nodes": []},
        {"class_name": "Flatten", "config": plain_cfg("flat", data_format="channels_last"), "name": "flat",
         "inbound_nodes": inbound("pixels")},
        {"class_name": "Dense", "config": dense_cfg("hidden", 5, "relu"), "name": "hidden", "inbound_nodes": inbound("flat")},
        {"class_name": "Dense", "config": dense_cfg("score", 1, "sigmoid"), "name": "score", "inbound_nodes": inbound("hidden")},
    ]
    config = {"class_name": "Functional", "config": {"name": "mlp", "layers": layers,
                                                      "input_layers": [["pixels", 0, 0]], "output_layers": [["score", 0, 0]]}}
    write_model(os.path.join(OUT, "functional_mlp.h5"), config, [l["name"] for l in layers], w)

    def d(n):
        return {k: np.asarray(a, dtype=np.float64) for k, a in w[n]}
    x = make_inputs(H, W, C)
    flat = x.reshape(x.shape[0], -1)
    h = np.maximum(flat @ d("hidden")["kernel"] + d("hidden")["bias"], 0)
    y = 1 / (1 + np.exp(-(h @ d("score")["kernel"] + d("score")["bias"])))
    write_reference(os.path.join(OUT, "functional_mlp_reference.txt"), "functional_mlp.h5", x, y)


def bad_files():
    with h5py.File(PAPER, "r") as f:
        cfg = json.loads(f.attrs["model_config"])

    def attrs_only(name, config, version):
        path = os.path.join(OUT, name)
        with h5py.File(path, "w") as g:
            g.attrs["backend"] = "tensorflow"
            g.attrs["keras_version"] = version
            g.attrs["model_config"] = json.dumps(config)
        print("wrote", os.path.relpath(path, ROOT), os.path.getsize(path), "bytes")

    gru = json.loads(json.dumps(cfg))
    [l for l in gru["config"]["layers"] if l["name"] == "conv2d_6"][0]["class_name"] = "GRU"
    attrs_only("gru_layer.h5", gru, "2.8.0")
    attrs_only("keras3_version.h5", cfg, "3.3.3")


BAD = os.path.join(OUT, "bad")
CLI_BAD = os.path.join(ROOT, "cli", "src", "test", "resources", "models", "bad")


def grey8_layers():
    H, W, C = 8, 8, 1
    return [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, H, W, C], "dtype": "float32",
                                                "sparse": False, "ragged": False, "name": "image"},
         "name": "image", "inbound_nodes": []},
        {"class_name": "Conv2D", "config": conv_cfg("conv", 2, (3, 3), activation="relu"), "name": "conv",
         "inbound_nodes": inbound("image")},
        {"class_name": "Flatten", "config": plain_cfg("flatten", data_format="channels_last"), "name": "flatten",
         "inbound_nodes": inbound("conv")},
        {"class_name": "Dense", "config": dense_cfg("hidden", 3, "relu"), "name": "hidden",
         "inbound_nodes": inbound("flatten")},
        {"class_name": "Dense", "config": dense_cfg("score", 1, "linear"), "name": "score",
         "inbound_nodes": inbound("hidden")},
    ]


def grey8_config(layers):
    return {"class_name": "Functional", "config": {"name": "grey8", "layers": layers,
                                                    "input_layers": [["image", 0, 0]],
                                                    "output_layers": [["score", 0, 0]]}}


def broken_files():
    """A valid 8x8x1 model and copies of it that each break one rule of the weight check."""
    rng = np.random.RandomState(20261207)
    base = {"conv": [("kernel", f32(rng.normal(0, 0.5, (3, 3, 1, 2)))), ("bias", f32(rng.normal(0, 0.1, 2)))],
            "hidden": [("kernel", f32(rng.normal(0, 0.3, (72, 3)))), ("bias", f32(rng.normal(0, 0.1, 3)))],
            "score": [("kernel", f32(rng.normal(0, 0.5, (3, 1)))), ("bias", f32(rng.normal(0, 0.1, 1)))]}
    layers = grey8_layers()
    names = [l["name"] for l in layers]

    def variant(name, change=None, config=None, extra_layers=()):
        w = {k: list(v) for k, v in base.items()}
        if change:
            change(w)
        for out in (BAD, CLI_BAD):
            os.makedirs(out, exist_ok=True)
            write_model(os.path.join(out, name), config or grey8_config(layers), names + list(extra_layers), w)

    def replace(layer, weight, array):
        def f(w):
            w[layer] = [(n, array if n == weight else a) for n, a in w[layer]]
        return f

    variant("grey8_base.h5")
    variant("dense_kernel_transposed.h5", replace("hidden", "kernel", base["hidden"][0][1].T.copy()))
    variant("dense_kernel_wrong_in.h5", replace("hidden", "kernel", base["hidden"][0][1][:64].copy()))
    variant("conv_kernel_transposed.h5", replace("conv", "kernel", base["conv"][0][1].transpose(3, 2, 0, 1).copy()))
    variant("missing_weight.h5", lambda w: w.__setitem__("score", w["score"][:1]))
    variant("extra_weight.h5", lambda w: w["hidden"].append(("gamma", f32(np.ones(3)))))
    variant("flatten_with_weight.h5", lambda w: w.__setitem__("flatten", [("kernel", f32(np.ones((72, 1))))]))
    nan = base["conv"][0][1].copy()
    nan[1, 2, 0, 1] = np.nan
    variant("nan_weight.h5", replace("conv", "kernel", nan))
    inf = base["score"][0][1].copy()
    inf[2, 0] = np.inf
    variant("inf_weight.h5", replace("score", "kernel", inf))
    variant("bias_wrong_length.h5", replace("conv", "bias", f32([0.1, -0.2, 0.3])))
    variant("stray_layer_weights.h5", lambda w: w.__setitem__("ghost", [("kernel", f32(np.ones((2, 2))))]),
            extra_layers=["ghost"])
    deep = grey8_config(layers)
    deep["config"]["layers"][3]["config"]["junk"] = "__DEEP__"
    variant("deep_config.h5", config=deep)
    for out in (BAD, CLI_BAD):
        with h5py.File(os.path.join(out, "deep_config.h5"), "a") as f:   # json.dumps cannot nest 5000 levels
            f.attrs["model_config"] = json.dumps(deep).replace('"__DEEP__"', "[" * 5000 + "]" * 5000)
    gzip = {"chunks": (1000, 1000), "compression": "gzip"}
    for name, n, kwargs in (("huge_dataset.h5", 16000, {}), ("huge_chunked.h5", 16000, gzip),
                            ("huge_cap.h5", 100000, gzip)):
        for out in (BAD, CLI_BAD):
            path = os.path.join(out, name)
            write_model(path, grey8_config(layers), names, {k: v for k, v in base.items() if k != "hidden"})
            with h5py.File(path, "a") as f:
                g = f["model_weights"]["hidden"]
                g.attrs["weight_names"] = np.array([b"hidden/kernel:0", b"hidden/bias:0"])
                sub = g.create_group("hidden")
                sub.create_dataset("kernel:0", shape=(n, n), dtype="float32", **kwargs)
                sub.create_dataset("bias:0", data=base["hidden"][1][1])
            print("  ", name, os.path.getsize(path), "bytes, claims a", n, "x", n, "kernel")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    if "--broken-only" not in sys.argv:
        functional_mixed()
        sequential_flatten()
        functional_mlp()
        bad_files()
    broken_files()
