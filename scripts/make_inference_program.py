#!/usr/bin/env python3
"""Writes xnet-core/src/main/resources/org/xnet/model/inference_program.pt, the one TorchScript module
that org.xnet.model.FoldedNetwork runs for inference: an interpreter of a small op program over a
list of weights, so that one generic file serves every network and every model file (Python is
never needed at run time; the generated file is committed).

    /usr/bin/python3 scripts/make_inference_program.py     (Debian's python3-torch 1.13)

Methods (DJL calls them through a PtSymbolBlock; no bfloat16 array is ever read by DJL, it only
holds what `prepare` returns and passes it back to `forward`):

- prepare(weights, settings) -> copies of the weights cast once to the compute type (settings[0]:
  1 = bfloat16, 0 = float32) and, for 4-d kernels, stored channels-last when settings[1] is 1.
- forward(x, weights, program) -> float32 logits, NCHW contiguous. x is float32 NCHW, stored
  channels-last when the program's header asks for it; the first convolution and the head run in
  float32, every activation between them in the weights' type and the header's layout.

Program (int64 tensor): [VERSION, channels_last] then ops, each an opcode and its operands:
  CONV w b relu   x = conv2d(x, weights[w], weights[b], "same" padding), then ReLU in place if relu
  POOL            x = 2x2 max pooling, stride 2
  UP              x = nearest-neighbour 2x upsampling
  UPCONV w b p s0 s1
                  x = ReLU(conv2d(UP(x), k)) computed on x itself, without the upsampled copy: a
                  "same" k x k convolution of a nearest-neighbour 2x upsampled image gives each of
                  the four output phases (row parity a, column parity b) as a smaller convolution of
                  the image with kernels summed from k's taps (FoldedConv.subPixel), about 4/9 of the
                  multiply-adds for k = 3. weights[w] holds the four phase kernels (4C, Cin, s, s),
                  block 2a + b; one convolution with padding p computes them all, phase a's rows
                  start at s_a (s0, s1) and its values go to output rows 2i + a (columns likewise)
  STORE s         slot s = x
  CONCAT s        x = cat([slot s, x], channels); the slot lets go of its value
  HEAD w b        x = conv2d in float32 (x, kernel and bias cast up): the class logits, never rounded
                  to bfloat16
  FIRST w b       x = ReLU(conv2d) in float32 on the float32 input, then cast to the compute type: the
                  image is not rounded to bfloat16's 8 bits (with it, bf16 masks agreed with FP32 on
                  99.47 % of the pixels of a held-out synth split; with it in float32, 99.58 %)
"""
import pathlib
from typing import List

import torch
import torch.nn.functional as F

VERSION = 1
CONV, POOL, UP, STORE, CONCAT, HEAD, FIRST, UPCONV = 1, 2, 3, 4, 5, 6, 7, 8
SLOTS = 8


class InferenceProgram(torch.nn.Module):
    @torch.jit.export
    def prepare(self, weights: List[torch.Tensor], settings: torch.Tensor) -> List[torch.Tensor]:
        s: List[int] = settings.tolist()
        dtype = torch.bfloat16 if s[0] == 1 else torch.float32
        out: List[torch.Tensor] = []
        for w in weights:
            # always a copy: the caller's arrays may borrow memory it frees after this call (DJL
            # creates arrays over Java buffers), and a float32 `to` would return the same tensor
            t = w.to(dtype, copy=True)
            if s[1] == 1 and t.dim() == 4:
                t = t.contiguous(memory_format=torch.channels_last)
            else:
                t = t.contiguous()
            out.append(t)
        return out

    def forward(self, x: torch.Tensor, weights: List[torch.Tensor], program: torch.Tensor) -> torch.Tensor:
        code: List[int] = program.tolist()
        if code[0] != 1:  # VERSION (TorchScript cannot read module-level constants)
            raise RuntimeError("inference program version " + str(code[0]) + ", expected 1")
        y = x
        if code[1] == 1:
            y = y.contiguous(memory_format=torch.channels_last)
        slots: List[torch.Tensor] = [y for _ in range(8)]  # SLOTS
        i = 2
        while i < len(code):
            op = code[i]
            if op == 1:  # CONV w b relu
                w = weights[code[i + 1]]
                y = F.conv2d(y.to(w.dtype), w, weights[code[i + 2]], 1, w.size(2) // 2)
                if code[1] == 1:
                    # a 1-channel input is NCHW and channels-last at once, so libtorch keeps the first
                    # output NCHW; every later op then takes a slow path (upsampling 40x slower)
                    y = y.contiguous(memory_format=torch.channels_last)
                if code[i + 3] == 1:
                    y = torch.relu_(y)
                i += 4
            elif op == 6:  # HEAD w b: in float32 (input, kernel and bias), so the logits are not rounded to bfloat16
                w = weights[code[i + 1]].to(torch.float32)
                y = F.conv2d(y.to(torch.float32), w, weights[code[i + 2]].to(torch.float32), 1, w.size(2) // 2)
                i += 3
            elif op == 7:  # FIRST w b: conv + ReLU in float32 on the float32 input, then the compute type
                w = weights[code[i + 1]].to(torch.float32)
                y = torch.relu_(F.conv2d(y.to(torch.float32), w, weights[code[i + 2]].to(torch.float32), 1,
                                         w.size(2) // 2)).to(weights[code[i + 1]].dtype)
                if code[1] == 1:
                    y = y.contiguous(memory_format=torch.channels_last)
                i += 3
            elif op == 2:  # POOL
                y = F.max_pool2d(y, 2)
                i += 1
            elif op == 3:  # UP
                y = F.interpolate(y, scale_factor=2.0, mode="nearest")
                i += 1
            elif op == 8:  # UPCONV w b p s0 s1
                w = weights[code[i + 1]]
                z = torch.relu_(F.conv2d(y.to(w.dtype), w, weights[code[i + 2]], 1, code[i + 3]))
                n, c, h, wd = y.size(0), w.size(0) // 4, y.size(2), y.size(3)
                if code[1] == 1:
                    out = torch.empty([n, c, 2 * h, 2 * wd], dtype=z.dtype, memory_format=torch.channels_last)
                else:
                    out = torch.empty([n, c, 2 * h, 2 * wd], dtype=z.dtype)
                phases = out.view([n, c, h, 2, wd, 2])
                for a in range(2):
                    sa = code[i + 4 + a]
                    for b in range(2):
                        sb = code[i + 4 + b]
                        k = 2 * a + b
                        phases.select(5, b).select(3, a).copy_(z[:, k * c:(k + 1) * c, sa:sa + h, sb:sb + wd])
                y = out
                i += 6
            elif op == 4:  # STORE s
                slots[code[i + 1]] = y
                i += 2
            elif op == 5:  # CONCAT s
                y = torch.cat([slots[code[i + 1]], y], 1)
                slots[code[i + 1]] = y  # releases the skip
                i += 2
            else:
                raise RuntimeError("unknown inference op " + str(op) + " at " + str(i))
        return y.to(torch.float32).contiguous()


def main():
    out = pathlib.Path(__file__).resolve().parent.parent / "xnet-core/src/main/resources/org/xnet/model/inference_program.pt"
    module = torch.jit.script(InferenceProgram())
    module.save(str(out))
    # self-check: conv+relu, pool, store, up, concat, head on a 2-channel 8x8 input, against plain ops
    torch.manual_seed(0)
    x = torch.rand(1, 2, 8, 8)
    ws = [torch.randn(4, 2, 3, 3), torch.randn(4), torch.randn(3, 8, 1, 1), torch.randn(3)]
    # FIRST, STORE, POOL, UP, CONCAT, then a bfloat16 CONV without ReLU (HEAD is FIRST's float32 path)
    prog = torch.tensor([VERSION, 1, FIRST, 0, 1, STORE, 0, POOL, UP, CONCAT, 0, CONV, 2, 3, 0])
    y1 = F.relu(F.conv2d(x, ws[0], ws[1], 1, 1))
    ref = F.conv2d(torch.cat([y1, F.interpolate(F.max_pool2d(y1, 2), scale_factor=2.0)], 1), ws[2], ws[3])
    loaded = torch.jit.load(str(out))
    for bf16 in (0, 1):
        got = loaded(x, loaded.prepare(ws, torch.tensor([bf16, 1])), prog)
        err = float((got - ref).abs().max())
        assert got.dtype == torch.float32 and got.shape == ref.shape and err < (0.2 if bf16 else 1e-5), err
        print("wrote" if bf16 else "checked", out, "bf16" if bf16 else "fp32", "max |got - reference|:", err)
    # UPCONV against UP then a "same" convolution and ReLU, 3x3, 5x5 and 7x7 kernels, both layouts
    for k in (3, 5, 7):
        w, b = torch.randn(5, 2, k, k), torch.randn(5)
        w4, pad, shifts = sub_pixel(w)
        ref = F.relu(F.conv2d(F.interpolate(x, scale_factor=2.0), w, b, 1, k // 2))
        for cl in (0, 1):
            got = loaded(x, loaded.prepare([w4, b.repeat(4)], torch.tensor([0, cl])),
                         torch.tensor([VERSION, cl, UPCONV, 0, 1, pad] + shifts))
            err = float((got - ref).abs().max())
            assert got.shape == ref.shape and err < 1e-5, (k, cl, err)
        print("checked UPCONV", k, "x", k, "max |got - reference|:", err)


def sub_pixel(w):
    """The four phase kernels of a "same" k x k convolution after nearest 2x upsampling, the padding and
    the phase shifts (the Java side, FoldedConv.subPixel, is tested against a float64 twin)."""
    k = w.size(2)
    p = k // 2
    lows = [(a - p) // 2 for a in (0, 1)]  # image row of phase a's first tap, relative to output row 2i + a
    highs = [(a + p) // 2 for a in (0, 1)]
    size = max(highs[a] - lows[a] + 1 for a in (0, 1))
    taps = []  # taps[a][t]: the kernel rows summed into phase a's row t
    for a in (0, 1):
        rows = [[] for _ in range(size)]
        for d in range(-p, p + 1):
            rows[(a + d) // 2 - lows[a]].append(d + p)
        taps.append(rows)
    out = torch.zeros(4 * w.size(0), w.size(1), size, size)
    for a in (0, 1):
        for b in (0, 1):
            block = out[(2 * a + b) * w.size(0):(2 * a + b + 1) * w.size(0)]
            for r, ys in enumerate(taps[a]):
                for c, xs in enumerate(taps[b]):
                    for ky in ys:
                        for kx in xs:
                            block[:, :, r, c] += w[:, :, ky, kx]
    return out, max(-min(lows), max(highs)), [lows[0] - min(lows), lows[1] - min(lows)]


if __name__ == "__main__":
    main()
