#!/usr/bin/python3
"""Regenerates src/test/resources/org/xnet/train/loss_reference.json: reference values and
gradients of the three segmentation losses on small seeded tensors, computed with PyTorch
(Debian's python3-torch). Not a test: SegmentationLossesTest compares the Java losses to its output.

    /usr/bin/python3 bench/loss_reference.py > src/test/resources/org/xnet/train/loss_reference.json
"""
import json
import torch

SMOOTH = 1.0


def cross_entropy(logits, labels):
    return torch.nn.functional.cross_entropy(logits, labels[:, 0].long())


def jaccard(logits, labels):
    p = logits.softmax(1)
    y = torch.nn.functional.one_hot(labels[:, 0].long(), logits.shape[1]).permute(0, 3, 1, 2).float()
    inter = (p * y).sum(dim=(0, 2, 3))
    union = p.sum(dim=(0, 2, 3)) + y.sum(dim=(0, 2, 3)) - inter
    return 1 - ((inter + SMOOTH) / (union + SMOOTH)).mean()


def lovasz_grad(gt_sorted):
    total = gt_sorted.sum()
    inter = total - gt_sorted.cumsum(0)
    union = total + (1 - gt_sorted).cumsum(0)
    jac = 1 - inter / union
    jac[1:] = jac[1:] - jac[:-1].clone()
    return jac


def lovasz(logits, labels):
    c = logits.shape[1]
    probs = logits.softmax(1).permute(1, 0, 2, 3).reshape(c, -1)
    flat = labels.reshape(-1)
    terms = []
    for k in range(c):
        fg = (flat == k).float()
        if fg.sum() == 0:
            continue
        errors = (fg - probs[k]).abs()
        errors_sorted, perm = torch.sort(errors, descending=True)
        terms.append(torch.dot(errors_sorted, lovasz_grad(fg[perm])))
    return torch.stack(terms).mean()


def case(name, n, c, h, w, seed, missing_class=None):
    g = torch.Generator().manual_seed(seed)
    logits = (torch.randn(n, c, h, w, generator=g) * 2).requires_grad_(True)
    labels = torch.randint(0, c, (n, 1, h, w), generator=g)
    if missing_class is not None:
        labels[labels == missing_class] = (missing_class + 1) % c
    out = {"name": name, "shape": [n, c, h, w],
           "logits": logits.detach().reshape(-1).tolist(), "labels": labels.reshape(-1).tolist()}
    for loss_name, fn in (("ce", cross_entropy), ("jaccard", jaccard), ("lovasz", lovasz)):
        logits.grad = None
        value = fn(logits, labels)
        value.backward()
        out[loss_name] = value.item()
        out[loss_name + "_grad"] = logits.grad.reshape(-1).tolist()
    return out


if __name__ == "__main__":
    cases = [case("2x3x4x5", 2, 3, 4, 5, 11), case("1x3x3x3-no-bone", 1, 3, 3, 3, 12, missing_class=2),
             case("3x3x6x6", 3, 3, 6, 6, 13)]
    print(json.dumps({"torch": torch.__version__, "cases": cases}, indent=1))
