#!/usr/bin/env python3
"""Independent PyTorch definitions of XNet, simplified SegNet and UNet, as DESIGN.md wires them.

Used only by benchmarks (never by the product): prints trainable parameter counts to cross-check
the Java networks, and with --time the inference ms per forward pass of the reference.

    /usr/bin/python3 bench/reference_models.py            # parameter counts
    OMP_NUM_THREADS=2 /usr/bin/python3 bench/reference_models.py --time --arch xnet --size 200
    OMP_NUM_THREADS=2 /usr/bin/python3 bench/reference_models.py --time --arch xnet --bf16   # autocast + channels-last

Debian's python3-torch (1.13) suffices. It uses one thread unless OMP_NUM_THREADS is set.
"""
import argparse
import statistics
import time

import torch
from torch import nn
import torch.nn.functional as F


class Unit(nn.Module):
    """Conv (same padding, bias) -> BatchNorm (Keras momentum 0.99 = torch 0.01, eps 1e-3) -> ReLU.

    With `conv` given, the unit reuses that convolution (shared kernels) with its own batch norm.
    """

    def __init__(self, cin, cout, k, conv=None):
        super().__init__()
        self.shared = conv is not None
        if conv is None:
            self.conv = nn.Conv2d(cin, cout, k, padding=k // 2, bias=True)
        else:
            # keep the shared conv out of this module's parameters so it is counted once
            object.__setattr__(self, "conv", conv)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


def pool(x):
    return F.max_pool2d(x, 2)


def up(x):
    return F.interpolate(x, scale_factor=2, mode="nearest")


def cat(skip, x):
    return torch.cat([skip, x], dim=1)


class Padded(nn.Module):
    """Reflect-pads H and W at their ends to a multiple of 2**poolings, crops the output back."""

    multiple = 8

    def forward(self, x):
        h, w = x.shape[-2:]
        ph, pw = -h % self.multiple, -w % self.multiple
        if ph or pw:
            x = F.pad(x, (0, pw, 0, ph), mode="reflect")
        return self.net(x)[..., :h, :w]


class XNet(Padded):
    def __init__(self, cin=1, classes=3, f=(64, 128, 256, 512), k=3, share=False):
        super().__init__()
        u = lambda a, b: Unit(a, b, k)
        self.c1, self.c2, self.c3 = u(cin, f[0]), u(f[0], f[1]), u(f[1], f[2])
        self.c4, self.c5 = u(f[2], f[3]), u(f[3], f[3])
        self.c6, self.c7 = u(f[3], f[2]), u(2 * f[2], f[1])
        self.c8 = u(2 * f[1], f[1])
        s = lambda first, a, b: Unit(a, b, k, first.conv) if share else u(a, b)
        self.c9 = s(self.c3, f[1], f[2])
        self.c10, self.c11 = s(self.c4, f[2], f[3]), s(self.c5, f[3], f[3])
        self.c12, self.c13 = s(self.c6, f[3], f[2]), s(self.c7, 2 * f[2], f[1])
        self.c14 = u(2 * f[1], f[0])
        self.head = nn.Conv2d(2 * f[0], classes, 1)

    def net(self, x):
        x1 = self.c1(x)
        x2 = self.c2(pool(x1))
        x3 = self.c3(pool(x2))
        y = self.c5(self.c4(pool(x3)))
        y = cat(x3, self.c6(up(y)))
        y = cat(x2, self.c7(up(y)))
        x8 = self.c8(y)
        x9 = self.c9(pool(x8))
        y = self.c11(self.c10(pool(x9)))
        y = cat(x9, self.c12(up(y)))
        y = cat(x8, self.c13(up(y)))
        y = cat(x1, self.c14(up(y)))
        return self.head(y)


class SegNet(Padded):
    def __init__(self, cin=1, classes=3, f=(64, 128, 256, 512), k=3):
        super().__init__()
        u = lambda a, b: Unit(a, b, k)
        self.c1, self.c2, self.c3 = u(cin, f[0]), u(f[0], f[1]), u(f[1], f[2])
        self.c4, self.c5 = u(f[2], f[3]), u(f[3], f[3])
        self.c6, self.c7, self.c8 = u(f[3], f[2]), u(f[2], f[1]), u(f[1], f[0])
        self.head = nn.Conv2d(f[0], classes, 1)

    def net(self, x):
        y = self.c1(x)
        y = self.c2(pool(y))
        y = self.c3(pool(y))
        y = self.c5(self.c4(pool(y)))
        y = self.c8(up(self.c7(up(self.c6(up(y))))))
        return self.head(y)


class UNet(Padded):
    multiple = 16

    def __init__(self, cin=1, classes=3, f=(64, 128, 256, 512, 1024), k=3):
        super().__init__()
        self.down = nn.ModuleList()
        c = cin
        for d in f:
            self.down.append(nn.Sequential(Unit(c, d, k), Unit(d, d, k)))
            c = d
        self.upconv = nn.ModuleList(Unit(f[i + 1], f[i], k) for i in range(len(f) - 1))
        self.up = nn.ModuleList(nn.Sequential(Unit(2 * f[i], f[i], k), Unit(f[i], f[i], k))
                                for i in range(len(f) - 1))
        self.head = nn.Conv2d(f[0], classes, 1)

    def net(self, x):
        skips = []
        y = x
        for i, block in enumerate(self.down):
            y = block(y if i == 0 else pool(y))
            skips.append(y)
        for i in reversed(range(len(self.upconv))):
            y = self.up[i](cat(skips[i], self.upconv[i](up(y))))
        return self.head(y)


def trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def build(arch, share=False):
    if arch == "xnet":
        return XNet(share=share)
    if arch == "segnet":
        return SegNet()
    return UNet()


def time_forward(model, size, batch, warmup, repeat, bf16=False, channels_last=False):
    """Median and minimum ms per forward pass; with bf16, PyTorch's own fast path on CPU:
    bfloat16 autocast with the model and input in channels-last memory (channels_last alone: FP32
    channels-last)."""
    model.eval()
    x = torch.rand(batch, 1, size, size)
    if bf16 or channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    times = []
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for i in range(warmup + repeat):
            t0 = time.perf_counter()
            model(x)
            if i >= warmup:
                times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time", action="store_true", help="time inference forward passes")
    parser.add_argument("--arch", default="xnet", choices=["xnet", "unet", "segnet"])
    parser.add_argument("--size", type=int, default=200)
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--bf16", action="store_true", help="bfloat16 autocast + channels-last (with --time)")
    parser.add_argument("--channels-last", action="store_true", help="model and input channels-last (with --time)")
    args = parser.parse_args()
    if args.time:
        torch.manual_seed(0)
        median, best = time_forward(build(args.arch), args.size, args.batch, args.warmup, args.repeat, args.bf16,
                                    args.channels_last)
        print(f"{args.arch} torch {torch.__version__} threads {torch.get_num_threads()} "
              f"{'bf16 autocast channels-last ' if args.bf16 else 'channels-last ' if args.channels_last else ''}"
              f"input {args.batch}x1x{args.size}x{args.size}: median {median:.1f} ms, min {best:.1f} ms")
        return
    for name, model in [("xnet", XNet()), ("xnet --share-weights", XNet(share=True)),
                        ("segnet", SegNet()), ("unet", UNet())]:
        x = torch.rand(1, 1, 37, 61)
        model.eval()
        with torch.no_grad():
            assert model(x).shape == (1, 3, 37, 61), name
        print(f"{name:22s} {trainable(model):>12,d}")


if __name__ == "__main__":
    main()
