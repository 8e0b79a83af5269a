#!/usr/bin/python3
"""Small U-Nets with transposed convolutions, exported from PyTorch 1.13 to ONNX, for the segmentation
method (CI never runs this; the generated files are committed, and the output is deterministic).

Regenerate from the repository root:
    OMP_NUM_THREADS=1 /usr/bin/python3 backend-onnx/src/test/python/make_unet_fixtures.py \
        backend-onnx/src/test/resources/segmentation

Each U-Net takes a one-channel H x W image (H = 8, 16, 32) and gives per-pixel probabilities:

    e  = relu(conv3x3(1 -> c, pad 1)(x))                    H x W       ("skip" features)
    m  = relu(conv3x3(c -> 2c, pad 1)(maxpool2(e)))         H/2 x W/2
    u  = relu(convtranspose(2c -> c)(m))                    H x W       k2 s2, or k3 s2 pad 1 output_padding 1
    d  = relu(conv3x3(2c -> c, pad 1)(concat(u, e)))
    logit = conv1x1(c -> 1)(d);  output = sigmoid(logit)

trained briefly (Adam, float32) to segment the paper's signal: a block of H/2 x W/2 pixels shifted by
delta ~ U(1, 4) in i.i.d. N(0, 1) noise (present in 70% of the images; the target mask is the block).
The segmentation method's map is the logit (the input of the final sigmoid), so threshold:0 selects the
pixels the network gives probability >= 1/2.

Writes into the output directory:
  unet_<H>.onnx            float32 weights, input "input" (1, 1, H, W), output "output" (sigmoid)
  unet_<H>_<i>_input.npy   float64 image (H, W, 1), channels last, i = 0 (noise), 1 (noise + block delta 3)
  unet_<H>_<i>_logit.npy   float64 logit plane (H, W) of the model converted to double (torch)
  manifest.json            per model: name, file, size, c, up-sampling, training steps and final loss, images
"""
import json
import os
import sys

import numpy as np
import onnx
import onnx.checker
import torch
import torch.nn as nn
import torch.nn.functional as F

OPSET = 13
SPECS = [
    dict(name="unet_8", size=8, c=4, up="k2s2", seed=801, steps=300),
    dict(name="unet_16", size=16, c=4, up="k3s2p1op1", seed=1601, steps=300),
    dict(name="unet_32", size=32, c=4, up="k2s2", seed=3201, steps=300),
]


class UNet(nn.Module):
    def __init__(self, c, up):
        super().__init__()
        self.enc = nn.Conv2d(1, c, 3, padding=1)
        self.mid = nn.Conv2d(c, 2 * c, 3, padding=1)
        if up == "k2s2":
            self.up = nn.ConvTranspose2d(2 * c, c, 2, stride=2)
        else:
            self.up = nn.ConvTranspose2d(2 * c, c, 3, stride=2, padding=1, output_padding=1)
        self.dec = nn.Conv2d(2 * c, c, 3, padding=1)
        self.head = nn.Conv2d(c, 1, 1)

    def logit(self, x):
        e = F.relu(self.enc(x))
        m = F.relu(self.mid(F.max_pool2d(e, 2)))
        u = F.relu(self.up(m))
        d = F.relu(self.dec(torch.cat([u, e], 1)))
        return self.head(d)

    def forward(self, x):
        return torch.sigmoid(self.logit(x))


def batch(rng, n, size):
    x = rng.standard_normal((n, 1, size, size))
    y = np.zeros((n, 1, size, size))
    half = size // 2
    for k in range(n):
        if rng.random() < 0.7:
            delta = rng.uniform(1, 4)
            r = rng.integers(0, size - half + 1)
            c = rng.integers(0, size - half + 1)
            x[k, 0, r:r + half, c:c + half] += delta
            y[k, 0, r:r + half, c:c + half] = 1
    return torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)


def train(spec):
    torch.manual_seed(spec["seed"])
    rng = np.random.default_rng(spec["seed"])
    model = UNet(spec["c"], spec["up"])
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    loss = None
    for _ in range(spec["steps"]):
        x, y = batch(rng, 32, spec["size"])
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(model.logit(x), y)
        loss.backward()
        opt.step()
    model.eval()
    return model, float(loss)


def export(model, size, path):
    dummy = torch.zeros(1, 1, size, size, dtype=torch.float32)
    torch.onnx.export(model, dummy, path, opset_version=OPSET, export_params=True, do_constant_folding=True,
                      input_names=["input"], output_names=["output"])
    m = onnx.load(path)
    m.producer_version = torch.__version__.split("+")[0]
    onnx.checker.check_model(m)
    onnx.save(m, path)


def main(out_dir):
    torch.set_num_threads(1)
    os.makedirs(out_dir, exist_ok=True)
    manifest = {"torch": torch.__version__.split("+")[0], "opset": OPSET, "models": []}
    for spec in SPECS:
        model, loss = train(spec)
        size = spec["size"]
        export(model, size, os.path.join(out_dir, spec["name"] + ".onnx"))
        double = UNet(spec["c"], spec["up"]).double()
        double.load_state_dict({k: v.double() for k, v in model.state_dict().items()})
        rng = np.random.default_rng(spec["seed"] + 1)
        images = []
        for i, delta in enumerate([0.0, 3.0]):
            img = rng.standard_normal((size, size, 1))
            half = size // 2
            img[half // 2:half // 2 + half, half // 2:half // 2 + half, 0] += delta
            with torch.no_grad():
                logit = double.logit(torch.tensor(img.transpose(2, 0, 1)[None]))[0, 0].numpy()
            stem = "%s_%d" % (spec["name"], i)
            np.save(os.path.join(out_dir, stem + "_input.npy"), img)
            np.save(os.path.join(out_dir, stem + "_logit.npy"), logit)
            images.append({"input": stem + "_input.npy", "logit": stem + "_logit.npy", "delta": delta,
                           "block": [half // 2, half // 2, half, half]})
        manifest["models"].append({"name": spec["name"], "model": spec["name"] + ".onnx", "size": size,
                                   "channels": spec["c"], "up": spec["up"], "steps": spec["steps"],
                                   "final_loss": round(loss, 4), "images": images})
        print(spec["name"], "final loss %.4f" % loss)
    with open(os.path.join(out_dir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
