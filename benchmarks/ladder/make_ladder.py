#!/usr/bin/python3
"""Builds SalientSI's scale ladder: ONNX CNNs of real-network classes and seeded image pairs.

Models (PyTorch 1.13 -> ONNX opset 13, NCHW input "input", logits "logits" of 2 classes):
  vgg           VGG-style: 3 blocks of two 3x3 convs (16, 32, 64 filters) with ReLU, 2x2 max pool after
                the first two blocks, global average pooling, a 2-class linear head (about 38 M MACs at
                64 px).
  unet          U-Net-style: encoder 8-16-32 filters with max pools, decoder with nearest 2x upsampling
                (ONNX Resize) and skip concatenations, global average pooling, a 2-class head (29 M MACs
                at 64 px).
  resnet18      torchvision's ResNet-18 layout (weights=None: nothing is downloaded) with a 1-channel
                stem and a 2-class head (142 M MACs at 64 px); BatchNorm folded by the export.
  resnet18-rgb  the same with the 3-channel stem of torchvision.

Each at 64, 112 and 224 px, random-init ("random") and briefly trained ("trained") on synthetic data:
class 1 has a bright square (intensity DELTA, side size/8 to size/4, anywhere) on N(0, 1) noise, class 0
is noise alone, so that CAM and Grad-CAM look at the square. Every model is fully convolutional up to
the global pooling, so one set of trained weights serves every size; a model is trained at 64 px and
then for a few steps at its own size.

Images (float32 .npy, channels last (H, W) or (H, W, C), sigma 1): per size and channel count, 5 null
pairs (X and the reference R i.i.d. N(0, 1)) and 5 signal pairs (X with the square of intensity DELTA,
R noise alone).

The manifest ladder.json lists every model (file, family, size, channels, state, MACs, SHA-256, the
generator's options) and the image pairs; it is rewritten after every model and keeps the entries of
earlier runs into the same folder; `salientsi bench --ladder DIR` reads it.

Usage (Debian python3-torch, python3-torchvision, python3-onnx; CI never runs this):
  /usr/bin/python3 benchmarks/ladder/make_ladder.py --out benchmarks/ladder/small --families vgg,unet --sizes 64
  /usr/bin/python3 benchmarks/ladder/make_ladder.py --out target/ladder --families vgg,unet
  /usr/bin/python3 benchmarks/ladder/make_ladder.py --out target/ladder --families resnet18,resnet18-rgb \
      --steps 100 --size-steps 10 --batch 16       # ResNet-18 trains briefly (about 30 min on 2 cores)
"""

import argparse
import hashlib
import json
import os

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DELTA = 2.0
SEED = 20261207
PAIRS = 5


class Vgg(nn.Module):
    def __init__(self, channels=1, widths=(16, 32, 64)):
        super().__init__()
        layers = []
        c = channels
        for i, w in enumerate(widths):
            layers += [nn.Conv2d(c, w, 3, padding=1), nn.ReLU(), nn.Conv2d(w, w, 3, padding=1), nn.ReLU()]
            if i < len(widths) - 1:
                layers.append(nn.MaxPool2d(2))
            c = w
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(c, 2)

    def forward(self, x):
        f = self.features(x)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(f, 1), 1))


def block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(), nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU())


class UNet(nn.Module):
    def __init__(self, channels=1, widths=(8, 16, 32)):
        super().__init__()
        a, b, c = widths
        self.enc1 = block(channels, a)
        self.enc2 = block(a, b)
        self.mid = block(b, c)
        self.dec2 = block(c + b, b)
        self.dec1 = block(b + a, a)
        self.fc = nn.Linear(a, 2)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(F.max_pool2d(e1, 2))
        m = self.mid(F.max_pool2d(e2, 2))
        d2 = self.dec2(torch.cat([F.interpolate(m, scale_factor=2.0, mode="nearest"), e2], 1))
        d1 = self.dec1(torch.cat([F.interpolate(d2, scale_factor=2.0, mode="nearest"), e1], 1))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(d1, 1), 1))


def resnet18(channels):
    import torchvision
    model = torchvision.models.resnet18(weights=None, num_classes=2)
    if channels != 3:
        model.conv1 = nn.Conv2d(channels, 64, kernel_size=7, stride=2, padding=3, bias=False)
    return model


FAMILIES = {
    "vgg": (lambda: Vgg(1), 1),
    "unet": (lambda: UNet(1), 1),
    "resnet18": (lambda: resnet18(1), 1),
    "resnet18-rgb": (lambda: resnet18(3), 3),
}


def square_batch(gen, n, size, channels, delta):
    """n images of N(0, 1) noise, half with a bright square; labels."""
    x = torch.randn(n, channels, size, size, generator=gen)
    y = torch.zeros(n, dtype=torch.long)
    for i in range(n):
        if i % 2 == 1:
            side = int(torch.randint(size // 8, size // 4 + 1, (1,), generator=gen))
            r = int(torch.randint(0, size - side + 1, (1,), generator=gen))
            c = int(torch.randint(0, size - side + 1, (1,), generator=gen))
            x[i, :, r:r + side, c:c + side] += delta
            y[i] = 1
    return x, y


def train(model, gen, size, channels, steps, batch):
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step in range(steps):
        x, y = square_batch(gen, batch, size, channels, DELTA)
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        x, y = square_batch(gen, 64, size, channels, DELTA)
        acc = float((model(x).argmax(1) == y).float().mean())
    return float(loss), acc


def macs(model, size, channels):
    """Multiply-accumulates of convolutions and linear layers for one image."""
    total = [0]

    def conv_hook(m, inp, out):
        total[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    def lin_hook(m, inp, out):
        total[0] += m.in_features * m.out_features

    hooks = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(lin_hook))
    with torch.no_grad():
        model(torch.zeros(1, channels, size, size))
    for h in hooks:
        h.remove()
    return total[0]


def export(model, path, size, channels):
    model.eval()
    torch.onnx.export(model, torch.zeros(1, channels, size, size), path, opset_version=13,
                      input_names=["input"], output_names=["logits"], do_constant_folding=True)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_images(out, size, channels, seed):
    folder = "images/%dx%dx%d" % (size, size, channels)
    os.makedirs(os.path.join(out, folder), exist_ok=True)
    rng = np.random.default_rng([seed, size, channels])
    shape = (size, size) if channels == 1 else (size, size, channels)
    pairs = []
    for kind in ("null", "signal"):
        for i in range(PAIRS):
            x = rng.standard_normal(shape)
            r = rng.standard_normal(shape)
            if kind == "signal":
                side = size // 4
                top = int(rng.integers(0, size - side + 1))
                left = int(rng.integers(0, size - side + 1))
                x[top:top + side, left:left + side] += DELTA
            names = []
            for tag, arr in (("x", x), ("r", r)):
                name = "%s/%s-%d-%s.npy" % (folder, kind, i, tag)
                np.save(os.path.join(out, name), arr.astype(np.float32))
                names.append(name)
            pairs.append({"kind": kind, "image": names[0], "reference": names[1]})
    return pairs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--families", default=",".join(FAMILIES), help="comma-separated: " + ",".join(FAMILIES))
    ap.add_argument("--sizes", default="64,112,224", help="comma-separated input sizes in pixels")
    ap.add_argument("--states", default="random,trained", help="random, trained or both")
    ap.add_argument("--steps", type=int, default=300, help="training steps at 64 px")
    ap.add_argument("--size-steps", type=int, default=40, help="further training steps at each larger size")
    ap.add_argument("--batch", type=int, default=32, help="training batch size")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    os.makedirs(args.out, exist_ok=True)
    families = [f for f in args.families.split(",") if f]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    states = [s for s in args.states.split(",") if s]
    manifest_path = os.path.join(args.out, "ladder.json")
    manifest = {"models": [], "images": {}}
    if os.path.exists(manifest_path):
        with open(manifest_path) as f:
            manifest = json.load(f)
    entries = {m["file"]: m for m in manifest["models"]}
    for family in families:
        make, channels = FAMILIES[family]
        for state in states:
            torch.manual_seed(args.seed + sum(map(ord, family)))
            model = make()
            gen = torch.Generator().manual_seed(args.seed + 7 * sum(map(ord, family)))
            base = None
            if state == "trained":
                loss, acc = train(model, gen, 64, channels, args.steps, args.batch)
                print("%s trained at 64 px: loss %.4f, accuracy %.3f" % (family, loss, acc), flush=True)
                base = {k: v.clone() for k, v in model.state_dict().items()}
            for size in sizes:
                if state == "trained":
                    model.load_state_dict(base)
                    if size != 64 and args.size_steps > 0:
                        loss, acc = train(model, gen, size, channels, args.size_steps, max(4, args.batch // 4))
                        print("%s trained at %d px: loss %.4f, accuracy %.3f" % (family, size, loss, acc),
                              flush=True)
                name = "%s-%d-%s.onnx" % (family, size, state)
                path = os.path.join(args.out, name)
                export(model, path, size, channels)
                key = "%dx%dx%d" % (size, size, channels)
                if key not in manifest["images"]:
                    manifest["images"][key] = write_images(args.out, size, channels, args.seed)
                entries[name] = {"file": name, "family": family, "size": size, "channels": channels,
                                 "state": state, "macs": macs(model, size, channels), "sha256": sha256(path),
                                 "images": key,
                                 "generator": "benchmarks/ladder/make_ladder.py --seed %d --steps %d "
                                              "--size-steps %d --batch %d" % (args.seed, args.steps,
                                                                             args.size_steps, args.batch)}
                print("wrote %s (%.1f M MACs)" % (path, entries[name]["macs"] / 1e6), flush=True)
                write_manifest(manifest, entries, manifest_path)


def write_manifest(manifest, entries, path):
    """Writes the manifest (after every model, so that an interrupted run keeps what it made)."""
    order = {f: i for i, f in enumerate(FAMILIES)}
    manifest["models"] = sorted(entries.values(), key=lambda m: (order.get(m["family"], 99), m["size"],
                                                                 m["state"]))
    manifest.pop("generator", None)
    manifest["delta"] = DELTA
    with open(path, "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
