# Regenerate (run from the repository root):
#   /usr/bin/python3 spark-cluster-test/src/test/resources/models/make_resnet16.py \
#       spark-cluster-test/src/test/resources/models/resnet-16.onnx
# It also writes resnet-16-x.npy (N(0, 1) noise plus a 4x4 square of +2) and resnet-16-r.npy (N(0, 1)),
# 16x16 float64 channels-last images, next to the model.
# Needs Debian's python3-torch (1.13) and python3-onnx. CI never runs this; the .onnx is committed.
# Deterministic: fixed seed, fixed export options.
"""A small ResNet-class CNN for the cluster test of one p-value walked as Spark tasks.

Input 1x16x16 (grey, NCHW). Stem: conv 3x3 (4 channels), batch norm, ReLU, max pool 2 (8x8). Two
residual blocks (conv 3x3, BN, ReLU, conv 3x3, BN, plus the shortcut, ReLU): the first keeps 4
channels with an identity shortcut, the second widens to 6 channels with a 1x1 conv + BN shortcut.
Global average pooling and a dense layer to 2 logits. Weights and the batch norms' running statistics
are seeded draws (the model is not trained: the test compares two computations of the same truncation
set, whatever the weights). Exported in eval mode with the batch norms kept as BatchNormalization nodes.
"""

import os
import sys

import numpy as np

import onnx
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = None
        if cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        s = x if self.shortcut is None else self.shortcut(x)
        return torch.relu(y + s)


class ResNet16(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4), nn.ReLU(),
                                  nn.MaxPool2d(2))
        self.block1 = Block(4, 4)
        self.block2 = Block(4, 6)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(6, 2)

    def forward(self, x):
        x = self.block2(self.block1(self.stem(x)))
        return self.fc(torch.flatten(self.pool(x), 1))


def main(out):
    torch.manual_seed(20261207)
    model = ResNet16()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.7, 1.3)
                m.bias.uniform_(-0.1, 0.1)
    model.eval()
    x = torch.randn(1, 1, 16, 16)
    torch.onnx.export(model, x, out, opset_version=13, input_names=["input"], output_names=["logits"],
                      do_constant_folding=False, training=torch.onnx.TrainingMode.PRESERVE)
    graph = onnx.load(out).graph
    ops = sorted({n.op_type for n in graph.node})
    bn = sum(1 for n in graph.node if n.op_type == "BatchNormalization")
    print(out, "ops:", ", ".join(ops), "batch norms:", bn)
    rng = np.random.default_rng(20261207)
    x = rng.normal(0.0, 1.0, size=(16, 16))
    x[5:9, 9:13] += 2.0
    r = rng.normal(0.0, 1.0, size=(16, 16))
    stem = os.path.splitext(out)[0]
    np.save(stem + "-x.npy", x.astype(np.float64))
    np.save(stem + "-r.npy", r.astype(np.float64))


if __name__ == "__main__":
    main(sys.argv[1])
