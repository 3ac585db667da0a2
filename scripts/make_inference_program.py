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
CONV, POOL, UP, STORE, CONCAT, HEAD, FIRST = 1, 2, 3, 4, 5, 6, 7
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


if __name__ == "__main__":
    main()
