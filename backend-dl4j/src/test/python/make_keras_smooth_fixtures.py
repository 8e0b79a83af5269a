#!/usr/bin/python3
"""Writes the Keras 2 HDF5 fixtures of backend-dl4j with smooth activations (issue 24), h5py + numpy + scipy
only (no Keras, no TensorFlow), with the writer and the NumPy ops of make_keras_fixtures.py.

Run from the repository root:
    /usr/bin/python3 backend-dl4j/src/test/python/make_keras_smooth_fixtures.py

Output directory: backend-dl4j/src/test/resources/org/salientsi/backend/dl4j/keras/
  functional_smooth_cnn.h5   a Keras 2.8 functional model of 6x6x2 images (seeded weights): Conv2D 3x3 same
                             (tanh), Conv2D 3x3 valid (sigmoid), Activation('softmax') over the channels,
                             Conv2D 1x1 (gelu), Activation('exponential'), GlobalAveragePooling2D,
                             Dense (softmax)
  sequential_smooth_mlp.h5   a Keras 2.8 Sequential model of 3x3x2 images: Flatten, Dense (tanh), Dense
                             (sigmoid), Dense (exponential), Activation('gelu'), Dense (linear), Softmax layer
  *_reference.txt            their outputs in float64 NumPy/SciPy (Keras semantics: softmax over the last axis,
                             gelu the exact erf form of Keras 2, x/2 (1 + erf(x/sqrt 2))) for the two inputs of
                             make_keras_fixtures.INPUTS
Output directory bad/:
  activation_<name>.h5       Flatten, Dense(2, activation <name>) on 2x2x1 images, for each Keras activation
                             that DL4J imports but the IR has no op for (elu, selu, softplus, softsign,
                             hard_sigmoid, swish)
  activation_layer_<name>.h5 the same with a linear Dense followed by Activation(<name>)
  softmax_axis1.h5           a Softmax layer along axis 1 of a 2x2x3 convolutional activation
"""
import os

import numpy as np
from scipy.special import erf

import make_keras_fixtures as kf
from make_keras_fixtures import conv_cfg, conv2d, dense_cfg, f32, inbound, plain_cfg, softmax

OUT = kf.OUT
BAD = os.path.join(OUT, "bad")
RNG = np.random.RandomState(20261207)
SCRIPT = os.path.basename(__file__)


def sigmoid(x):
    return 1 / (1 + np.exp(-x))


def gelu(x):
    return 0.5 * x * (1 + erf(x / np.sqrt(2)))


def input_layer(name, h, w, c):
    return {"class_name": "InputLayer", "config": {"batch_input_shape": [None, h, w, c], "dtype": "float32",
                                                   "sparse": False, "ragged": False, "name": name},
            "name": name, "inbound_nodes": []}


def functional(name, layers, out):
    return {"class_name": "Functional", "config": {"name": name, "layers": layers,
                                                    "input_layers": [[layers[0]["name"], 0, 0]],
                                                    "output_layers": [[out, 0, 0]]}}


def doubles(w):
    return {n: {k: np.asarray(a, dtype=np.float64) for k, a in v} for n, v in w.items()}


def functional_smooth_cnn():
    H, W, C = 6, 6, 2
    w = {"conv_tanh": [("kernel", f32(RNG.normal(0, 0.5, (3, 3, C, 4)))), ("bias", f32(RNG.normal(0, 0.1, 4)))],
         "conv_sigmoid": [("kernel", f32(RNG.normal(0, 0.5, (3, 3, 4, 3)))), ("bias", f32(RNG.normal(0, 0.1, 3)))],
         "conv_gelu": [("kernel", f32(RNG.normal(0, 1.0, (1, 1, 3, 4)))), ("bias", f32(RNG.normal(0, 0.3, 4)))],
         "dense": [("kernel", f32(RNG.normal(0, 0.5, (4, 3)))), ("bias", f32(RNG.normal(0, 0.1, 3)))]}
    layers = [
        input_layer("image", H, W, C),
        {"class_name": "Conv2D", "config": conv_cfg("conv_tanh", 4, (3, 3), padding="same", activation="tanh"),
         "name": "conv_tanh", "inbound_nodes": inbound("image")},
        {"class_name": "Conv2D", "config": conv_cfg("conv_sigmoid", 3, (3, 3), activation="sigmoid"),
         "name": "conv_sigmoid", "inbound_nodes": inbound("conv_tanh")},
        {"class_name": "Activation", "config": plain_cfg("channel_softmax", activation="softmax"),
         "name": "channel_softmax", "inbound_nodes": inbound("conv_sigmoid")},
        {"class_name": "Conv2D", "config": conv_cfg("conv_gelu", 4, (1, 1), activation="gelu"),
         "name": "conv_gelu", "inbound_nodes": inbound("channel_softmax")},
        {"class_name": "Activation", "config": plain_cfg("exp", activation="exponential"),
         "name": "exp", "inbound_nodes": inbound("conv_gelu")},
        {"class_name": "GlobalAveragePooling2D", "config": plain_cfg("gap", data_format="channels_last",
                                                                      keepdims=False),
         "name": "gap", "inbound_nodes": inbound("exp")},
        {"class_name": "Dense", "config": dense_cfg("dense", 3, "softmax"), "name": "dense",
         "inbound_nodes": inbound("gap")},
    ]
    kf.write_model(os.path.join(OUT, "functional_smooth_cnn.h5"), functional("smooth_cnn", layers, "dense"),
                   [l["name"] for l in layers], w)
    d = doubles(w)
    x = kf.make_inputs(H, W, C)
    a = np.tanh(conv2d(x, d["conv_tanh"]["kernel"], d["conv_tanh"]["bias"], padding="same"))    # 6x6x4
    a = sigmoid(conv2d(a, d["conv_sigmoid"]["kernel"], d["conv_sigmoid"]["bias"]))              # 4x4x3
    a = softmax(a)                                                                               # over channels
    a = gelu(conv2d(a, d["conv_gelu"]["kernel"], d["conv_gelu"]["bias"]))                       # 4x4x4
    a = np.exp(a).mean(axis=(1, 2))
    y = softmax(a @ d["dense"]["kernel"] + d["dense"]["bias"])
    kf.write_reference(os.path.join(OUT, "functional_smooth_cnn_reference.txt"), "functional_smooth_cnn.h5", x, y, SCRIPT)


def sequential_smooth_mlp():
    H, W, C = 3, 3, 2
    w = {"dense_tanh": [("kernel", f32(RNG.normal(0, 0.5, (H * W * C, 6)))), ("bias", f32(RNG.normal(0, 0.1, 6)))],
         "dense_sigmoid": [("kernel", f32(RNG.normal(0, 0.8, (6, 5)))), ("bias", f32(RNG.normal(0, 0.1, 5)))],
         "dense_exp": [("kernel", f32(RNG.normal(0, 0.8, (5, 4)))), ("bias", f32(RNG.normal(0, 0.1, 4)))],
         "dense_logits": [("kernel", f32(RNG.normal(0, 0.8, (4, 3)))), ("bias", f32(RNG.normal(0, 0.1, 3)))]}
    layers = [
        {"class_name": "InputLayer", "config": {"batch_input_shape": [None, H, W, C], "dtype": "float32",
                                                "sparse": False, "ragged": False, "name": "flatten_input"}},
        {"class_name": "Flatten", "config": plain_cfg("flatten", data_format="channels_last")},
        {"class_name": "Dense", "config": dense_cfg("dense_tanh", 6, "tanh")},
        {"class_name": "Dense", "config": dense_cfg("dense_sigmoid", 5, "sigmoid")},
        {"class_name": "Dense", "config": dense_cfg("dense_exp", 4, "exponential")},
        {"class_name": "Activation", "config": plain_cfg("gelu", activation="gelu")},
        {"class_name": "Dense", "config": dense_cfg("dense_logits", 3, "linear")},
        {"class_name": "Softmax", "config": plain_cfg("softmax", axis=-1)},
    ]
    config = {"class_name": "Sequential", "config": {"name": "smooth_mlp", "layers": layers}}
    names = [l["config"]["name"] for l in layers[1:]]
    kf.write_model(os.path.join(OUT, "sequential_smooth_mlp.h5"), config, names, w)
    d = doubles(w)
    x = kf.make_inputs(H, W, C)
    a = x.reshape(x.shape[0], -1)
    a = np.tanh(a @ d["dense_tanh"]["kernel"] + d["dense_tanh"]["bias"])
    a = sigmoid(a @ d["dense_sigmoid"]["kernel"] + d["dense_sigmoid"]["bias"])
    a = gelu(np.exp(a @ d["dense_exp"]["kernel"] + d["dense_exp"]["bias"]))
    y = softmax(a @ d["dense_logits"]["kernel"] + d["dense_logits"]["bias"])
    kf.write_reference(os.path.join(OUT, "sequential_smooth_mlp_reference.txt"), "sequential_smooth_mlp.h5", x, y, SCRIPT)


def refused():
    """Small models whose one activation has no IR op; only the layer name and type matter."""
    os.makedirs(BAD, exist_ok=True)
    rng = np.random.RandomState(7)
    dense_w = [("kernel", f32(rng.normal(0, 0.5, (4, 2)))), ("bias", f32(np.zeros(2)))]
    for act in ("elu", "selu", "softplus", "softsign", "hard_sigmoid", "swish"):
        layers = [input_layer("image", 2, 2, 1),
                  {"class_name": "Flatten", "config": plain_cfg("flatten", data_format="channels_last"),
                   "name": "flatten", "inbound_nodes": inbound("image")},
                  {"class_name": "Dense", "config": dense_cfg("smooth", 2, act), "name": "smooth",
                   "inbound_nodes": inbound("flatten")}]
        kf.write_model(os.path.join(BAD, f"activation_{act}.h5"), functional("bad", layers, "smooth"),
                       [l["name"] for l in layers], {"smooth": dense_w})
        layers = layers[:2] + [
            {"class_name": "Dense", "config": dense_cfg("dense", 2, "linear"), "name": "dense",
             "inbound_nodes": inbound("flatten")},
            {"class_name": "Activation", "config": plain_cfg("act", activation=act), "name": "act",
             "inbound_nodes": inbound("dense")}]
        kf.write_model(os.path.join(BAD, f"activation_layer_{act}.h5"), functional("bad", layers, "act"),
                       [l["name"] for l in layers], {"dense": dense_w})
    layers = [input_layer("image", 2, 2, 1),
              {"class_name": "Conv2D", "config": conv_cfg("conv", 3, (1, 1)), "name": "conv",
               "inbound_nodes": inbound("image")},
              {"class_name": "Softmax", "config": plain_cfg("softmax", axis=1), "name": "softmax",
               "inbound_nodes": inbound("conv")}]
    kf.write_model(os.path.join(BAD, "softmax_axis1.h5"), functional("bad", layers, "softmax"),
                   [l["name"] for l in layers],
                   {"conv": [("kernel", f32(rng.normal(0, 0.5, (1, 1, 1, 3)))), ("bias", f32(np.zeros(3)))]})


if __name__ == "__main__":
    functional_smooth_cnn()
    sequential_smooth_mlp()
    refused()
