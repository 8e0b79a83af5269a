#!/usr/bin/python3
"""Writes the Keras 2 HDF5 U-Net fixture of backend-dl4j with Conv2DTranspose layers (h5py + numpy only,
no TensorFlow; the HDF5 layout and helpers are those of make_keras_fixtures.py).

Run from the repository root:
    /usr/bin/python3 backend-dl4j/src/test/python/make_keras_unet.py

Output directory: backend-dl4j/src/test/resources/org/salientsi/backend/dl4j/keras/
  functional_unet.h5            a Keras 2.8 functional model of 8x8x1 images (seeded weights):
                                Conv2D 3x3 same relu (4) "enc", MaxPooling2D 2 "pool",
                                Conv2DTranspose 2x2 stride 2 valid relu (3) "up", Concatenate [up, enc],
                                Conv2DTranspose 3x3 stride 2 same relu (2) "up_same" (to 16x16),
                                Conv2D 1x1 sigmoid (1) "logit": a 16x16x1 probability map
  functional_unet_reference.txt its output in float64 NumPy with Keras (TensorFlow) semantics for the
                                two inputs of make_keras_fixtures.INPUTS (the map row-major)
  bad/conv_transpose_output_padding.h5  the same model with output_padding [1, 1] on "up_same" (and an
                                output of 17x17), which DL4J's Keras import would ignore
Keras' Conv2DTranspose kernel is [kh, kw, filters, in]; output row i*s + u - pad_before gets
x[i] * K[u]; 'valid' gives (n - 1) * s + k rows (k >= s), 'same' gives n * s rows and crops
pad_before = (k - s) // 2 at the top (TensorFlow's conv2d_transpose).
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_keras_fixtures as mk  # noqa: E402

RNG = np.random.RandomState(20261207)


def conv_transpose2d(x, K, b, strides, padding):
    kh, kw, O, C = K.shape
    N, H, W, _ = x.shape
    sh, sw = strides
    full = np.zeros((N, (H - 1) * sh + kh, (W - 1) * sw + kw, O))
    for i in range(H):
        for j in range(W):
            # (N, C) x (kh, kw, O, C) -> (N, kh, kw, O)
            full[:, i * sh:i * sh + kh, j * sw:j * sw + kw, :] += np.einsum("nc,uvoc->nuvo", x[:, i, j, :], K)
    if padding == "same":
        top, left = (kh - sh) // 2, (kw - sw) // 2
        full = full[:, top:top + H * sh, left:left + W * sw, :]
    return full + b


def transpose_cfg(name, filters, k, strides, padding, activation):
    cfg = mk.conv_cfg(name, filters, k, strides=strides, padding=padding, activation=activation)
    cfg["output_padding"] = None
    return cfg


def functional_unet():
    H, W, C = 8, 8, 1
    w = {
        "enc": [("kernel", mk.f32(RNG.normal(0, 0.5, (3, 3, C, 4)))), ("bias", mk.f32(RNG.normal(0, 0.1, 4)))],
        "up": [("kernel", mk.f32(RNG.normal(0, 0.5, (2, 2, 3, 4)))), ("bias", mk.f32(RNG.normal(0, 0.1, 3)))],
        "up_same": [("kernel", mk.f32(RNG.normal(0, 0.4, (3, 3, 2, 7)))), ("bias", mk.f32(RNG.normal(0, 0.1, 2)))],
        "logit": [("kernel", mk.f32(RNG.normal(0, 0.7, (1, 1, 2, 1)))), ("bias", mk.f32(RNG.normal(0, 0.1, 1)))],
    }
    layers = [
        {"class_name": "InputLayer", "name": "image", "inbound_nodes": [],
         "config": {"batch_input_shape": [None, H, W, C], "dtype": "float32", "sparse": False, "ragged": False,
                    "name": "image"}},
        {"class_name": "Conv2D", "name": "enc", "inbound_nodes": mk.inbound("image"),
         "config": mk.conv_cfg("enc", 4, (3, 3), padding="same", activation="relu")},
        {"class_name": "MaxPooling2D", "name": "pool", "inbound_nodes": mk.inbound("enc"),
         "config": mk.pool_cfg("pool", (2, 2), (2, 2), "valid")},
        {"class_name": "Conv2DTranspose", "name": "up", "inbound_nodes": mk.inbound("pool"),
         "config": transpose_cfg("up", 3, (2, 2), (2, 2), "valid", "relu")},
        {"class_name": "Concatenate", "name": "cat", "inbound_nodes": mk.inbound("up", "enc"),
         "config": mk.plain_cfg("cat", axis=-1)},
        {"class_name": "Conv2DTranspose", "name": "up_same", "inbound_nodes": mk.inbound("cat"),
         "config": transpose_cfg("up_same", 2, (3, 3), (2, 2), "same", "relu")},
        {"class_name": "Conv2D", "name": "logit", "inbound_nodes": mk.inbound("up_same"),
         "config": mk.conv_cfg("logit", 1, (1, 1), activation="sigmoid")},
    ]
    config = {"class_name": "Functional", "config": {"name": "unet", "layers": layers,
                                                      "input_layers": [["image", 0, 0]],
                                                      "output_layers": [["logit", 0, 0]]}}
    mk.write_model(os.path.join(mk.OUT, "functional_unet.h5"), config, [l["name"] for l in layers], w)
    padded = json.loads(json.dumps(config))
    padded["config"]["layers"][5]["config"]["output_padding"] = [1, 1]
    os.makedirs(os.path.join(mk.OUT, "bad"), exist_ok=True)
    mk.write_model(os.path.join(mk.OUT, "bad", "conv_transpose_output_padding.h5"), padded,
                   [l["name"] for l in layers], w)

    def d(n):
        return [a.astype(np.float64) for _, a in w[n]]

    x = mk.make_inputs(H, W, C)
    e = np.maximum(mk.conv2d(x, *d("enc"), padding="same"), 0)
    p = mk.pool2d(e, (2, 2), (2, 2), "valid", "max")
    u = np.maximum(conv_transpose2d(p, *d("up"), (2, 2), "valid"), 0)
    cat = np.concatenate([u, e], axis=-1)
    s = np.maximum(conv_transpose2d(cat, *d("up_same"), (2, 2), "same"), 0)
    y = 1 / (1 + np.exp(-mk.conv2d(s, *d("logit"))))
    mk.write_reference(os.path.join(mk.OUT, "functional_unet_reference.txt"), "functional_unet.h5", x,
                       y.reshape(y.shape[0], -1))


if __name__ == "__main__":
    functional_unet()
