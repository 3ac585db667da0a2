#!/usr/bin/python3
"""Times training steps of the PyTorch reference networks (bench/reference_models.py): forward,
per-pixel cross-entropy + 1e-4 x L2 of the convolution kernels, backward, RMSprop (rho 0.9,
eps 1e-7, lr 1e-4) on random images. The PyTorch side of `bench/train-bench.sh`; not a test.

    OMP_NUM_THREADS=2 /usr/bin/python3 bench/reference_train_step.py --arch xnet --batch 5 --steps 10
"""
import argparse
import resource
import statistics
import time

import torch
import torch.nn.functional as F

from reference_models import build


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--arch", default="xnet", choices=["xnet", "unet", "segnet"])
    p.add_argument("--size", type=int, default=200)
    p.add_argument("--batch", type=int, default=5)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--steps", type=int, default=10)
    a = p.parse_args()
    torch.manual_seed(42)
    model = build(a.arch)
    model.train()
    kernels = [m.weight for m in model.modules() if isinstance(m, torch.nn.Conv2d)]
    opt = torch.optim.RMSprop(model.parameters(), lr=1e-4, alpha=0.9, eps=1e-7)
    x = torch.rand(a.batch, 1, a.size, a.size)
    y = torch.randint(0, 3, (a.batch, a.size, a.size))
    times = []
    for i in range(a.warmup + a.steps):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y) + 1e-4 * sum((k * k).sum() for k in kernels)
        loss.backward()
        opt.step()
        if i >= a.warmup:
            times.append((time.perf_counter() - t0) * 1000)
    med = statistics.median(times)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"pytorch {torch.__version__} {a.arch} threads {torch.get_num_threads()} batch {a.batch} "
          f"{a.size}x{a.size}: median {med:.1f} ms/step (mean {statistics.mean(times):.1f}), "
          f"{a.batch * 1000 / med:.2f} images/s, peak RSS {rss} MiB ({a.steps} steps after {a.warmup} warm-up)")


if __name__ == "__main__":
    main()
