#!/usr/bin/python3
"""Independent float64 NumPy reference for the paper's four Keras models (numpy + h5py only).

Reads the weights straight from examples/models/paper/model_{8,16,32,64}.h5 (Keras 2.8 HDF5, MIT,
takeuchi-lab/selective_inference_dnn_salient_region), runs the forward pass in NumPy (NHWC, Keras
semantics), and writes the values backend-dl4j's tests compare the IR with. Adapted from the exploration
script scratch/dl4j/python/reference.py (same forward pass, same inputs).

Run from the repository root:
    /usr/bin/python3 backend-dl4j/src/test/python/paper_reference.py

Input convention (shared with the Java test), shape [2, S, S, 1] NHWC:
  batch 0: x[h][w] = sin(0.37*(h*S + w) + 0.1)
  batch 1: java.util.Random(42).nextGaussian(), S*S draws in row-major (h, w) order
"""
import json
import math
import os
import sys

import h5py
import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", ".."))
MODEL_DIR = os.path.join(ROOT, "examples", "models", "paper")
OUT = os.path.join(ROOT, "backend-dl4j", "src", "test", "resources", "org", "salientsi", "backend", "dl4j", "paper")


class JavaRandom:
    """Bit-exact java.util.Random (LCG + polar nextGaussian; StrictMath.log/sqrt ~ math.log/sqrt)."""
    MULT, ADD, MASK = 0x5DEECE66D, 0xB, (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ self.MULT) & self.MASK
        self.next_next = None

    def _next(self, bits):
        self.seed = (self.seed * self.MULT + self.ADD) & self.MASK
        r = (self.seed >> (48 - bits)) & 0xFFFFFFFF   # Java: (int)(seed >>> (48 - bits))
        return r - (1 << 32) if r & 0x80000000 else r

    def next_double(self):
        return ((self._next(26) << 27) + self._next(27)) * (1.0 / (1 << 53))

    def next_gaussian(self):
        if self.next_next is not None:
            g, self.next_next = self.next_next, None
            return g
        while True:
            v1 = 2 * self.next_double() - 1
            v2 = 2 * self.next_double() - 1
            s = v1 * v1 + v2 * v2
            if 0 < s < 1:
                break
        m = math.sqrt(-2 * math.log(s) / s)
        self.next_next = v2 * m
        return v1 * m


def make_input(S):
    x = np.zeros((2, S, S, 1))
    idx = np.arange(S * S, dtype=np.float64)
    x[0, :, :, 0] = np.sin(0.37 * idx + 0.1).reshape(S, S)
    r = JavaRandom(42)
    x[1, :, :, 0] = np.array([r.next_gaussian() for _ in range(S * S)]).reshape(S, S)
    return x


def load_model(path):
    """-> (layers in model_config order as (class_name, config, weights dict float64), input name, output name)."""
    with h5py.File(path, "r") as f:
        cfg = json.loads(f.attrs["model_config"])
        assert f.attrs["keras_version"] in ("2.8.0", b"2.8.0"), f.attrs["keras_version"]
        mw = f["model_weights"]
        layers = []
        for L in cfg["config"]["layers"]:
            name = L["name"]
            w = {}
            if name in mw and name in mw[name]:
                for k, ds in mw[name][name].items():
                    w[k.split(":")[0]] = np.asarray(ds, dtype=np.float64)  # kernel:0 -> kernel
            layers.append((L["class_name"], L["config"], w, name))
    return layers


def conv2d_same(x, K, b):
    """x [N,H,W,C], K [kh,kw,C,O] (Keras layout), stride 1, 'same' zero padding, cross-correlation."""
    kh, kw, C, O = K.shape
    ph, pw = (kh - 1) // 2, (kw - 1) // 2
    xp = np.pad(x, ((0, 0), (ph, kh - 1 - ph), (pw, kw - 1 - pw), (0, 0)))
    N, H, W, _ = x.shape
    out = np.zeros((N, H, W, O))
    for i in range(kh):
        for j in range(kw):
            out += np.einsum("nhwc,co->nhwo", xp[:, i:i + H, j:j + W, :], K[i, j])
    return out + b


def forward(layers, x):
    acts = {}
    h = x
    for cls, cfg, w, name in layers:
        if cls == "InputLayer":
            pass
        elif cls == "Conv2D":
            assert cfg["padding"] == "same" and tuple(cfg["strides"]) == (1, 1) and tuple(cfg["dilation_rate"]) == (1, 1)
            assert cfg["data_format"] == "channels_last"
            h = conv2d_same(h, w["kernel"], w["bias"])
            assert cfg["activation"] == "relu"
            h = np.maximum(h, 0.0)
        elif cls == "MaxPooling2D":
            ph, pw = cfg["pool_size"]
            assert tuple(cfg["strides"]) == (ph, pw) and cfg["padding"] == "valid"
            N, H, W, C = h.shape
            Ho, Wo = H // ph, W // pw
            h = h[:, :Ho * ph, :Wo * pw, :].reshape(N, Ho, ph, Wo, pw, C).max(axis=(2, 4))
        elif cls == "UpSampling2D":
            sh, sw = cfg["size"]
            assert cfg["interpolation"] == "nearest"
            h = np.repeat(np.repeat(h, sh, axis=1), sw, axis=2)
        elif cls == "GlobalAveragePooling2D":
            h = h.mean(axis=(1, 2))
        elif cls == "Dense":
            h = h @ w["kernel"] + w["bias"]
            assert cfg["activation"] == "sigmoid"
            h = 1.0 / (1.0 + np.exp(-h))
        else:
            raise ValueError("unsupported layer " + cls)
        acts[cls] = h
    return h, acts


def fmt(values):
    return " ".join(repr(float(v)) for v in np.ravel(values))


def main():
    os.makedirs(OUT, exist_ok=True)
    for S in (8, 16, 32, 64):
        layers = load_model(os.path.join(MODEL_DIR, f"model_{S}.h5"))
        x = make_input(S)
        y, acts = forward(layers, x)
        up = acts["UpSampling2D"]                      # [2, S, S, 4] NHWC
        src = up[:, ::2, ::2, :]                       # the 2x2 nearest repeat's source, [2, S/2, S/2, 4]
        assert np.array_equal(np.repeat(np.repeat(src, 2, axis=1), 2, axis=2), up)
        path = os.path.join(OUT, f"reference_{S}.txt")
        with open(path, "w") as f:
            f.write(f"# model_{S}.h5 (the paper's Keras model): independent float64 NumPy forward pass, generated by\n")
            f.write("#   /usr/bin/python3 backend-dl4j/src/test/python/paper_reference.py   (from the repository root)\n")
            f.write(f"# Inputs NHWC [2, {S}, {S}, 1]: batch 0: x[h][w] = sin(0.37*(h*{S}+w)+0.1); "
                    "batch 1: java.util.Random(42).nextGaussian(), row-major.\n")
            f.write("# output: the sigmoid output of batch 0 and batch 1.\n")
            f.write("# up_b<k>: the UpSampling2D output (the CAM feature layer) of batch k, stored at its source\n")
            f.write(f"#   resolution [{S // 2}][{S // 2}][4] (h, w, channel; C order): up[h][w][c] = up_b[h/2][w/2][c].\n")
            f.write(f"size {S}\n")
            f.write("output " + fmt(y[:, 0]) + "\n")
            for b in range(2):
                f.write(f"up_b{b} " + fmt(src[b]) + "\n")
        print("wrote", os.path.relpath(path, ROOT), os.path.getsize(path), "bytes; output", y[:, 0].tolist())


if __name__ == "__main__":
    main()
