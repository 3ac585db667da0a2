#!/usr/bin/env python3
"""Writes src/main/resources/org/xnet/model/bf16_conv.pt, the one-operation TorchScript module that
org.xnet.model.Bf16Conv loads: a "same"-padded 2-D convolution computed in bfloat16 on FP32 inputs,
weights and bias, returning FP32. Every cast happens inside the module, so no bfloat16 array ever
reaches DJL (DJL 0.36 cannot map that type), and the casts are differentiable: gradients reach the
FP32 weights as FP32. Run with Debian's torch: /usr/bin/python3 scripts/make_bf16_conv.py
Python is never needed at run time; the generated file is committed."""
import pathlib

import torch


class Bf16Conv(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        pad = weight.size(2) // 2
        y = torch.nn.functional.conv2d(x.to(torch.bfloat16), weight.to(torch.bfloat16),
                                       bias.to(torch.bfloat16), 1, pad)
        return y.to(torch.float32)


def main():
    out = pathlib.Path(__file__).resolve().parent.parent / "src/main/resources/org/xnet/model/bf16_conv.pt"
    module = torch.jit.script(Bf16Conv())
    module.save(str(out))
    x = torch.rand(1, 2, 5, 5)
    w = torch.rand(3, 2, 3, 3)
    b = torch.rand(3)
    ref = torch.nn.functional.conv2d(x, w, b, 1, 1)
    got = torch.jit.load(str(out))(x, w, b)
    assert got.dtype == torch.float32 and got.shape == ref.shape
    assert (got - ref).abs().max() < 0.1, (got - ref).abs().max()
    print("wrote", out, "max |bf16 - fp32| on a 5x5 test:", float((got - ref).abs().max()))


if __name__ == "__main__":
    main()
