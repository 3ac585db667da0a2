#!/usr/bin/python3
"""Writes the registry of the built-in model (src/main/resources/org/xnet/models/builtin-models.json)
from the model file and the results.json of its leave-one-volume-out evaluations, so the figures that
`xnet models` prints are copied by a program, not by hand. Standard library only.

Usage: scripts/builtin-model-registry.py MODEL.xnet PARAMETERS DESCRIPTION VOLUME=results.json... > builtin-models.json
  PARAMETERS   trainable parameter count (xnet model summary prints it)
  VOLUME       name of the held-out CT volume whose views results.json evaluates (test split)
The post-processed figures are those of the last variant in results.json (threshold + bone clean-up).
"""
import hashlib
import json
import os
import sys


def scores(variant):
    overall = variant["overall"]
    tissue = overall["perClass"][1]
    return {"accuracy": round(overall["accuracy"], 6), "soft_tissue_f1": round(tissue["f1"], 6),
            "soft_tissue_fp_rate": round(overall["tissueFalsePositiveRate"], 6)}


def held_out(spec):
    volume, path = spec.split("=", 1)
    with open(path) as f:
        results = json.load(f)
    plain, post = results["variants"][0], results["variants"][-1]
    return {"volume": volume, "images": len(results["images"]), "plain": scores(plain),
            "post_processing": post["name"], "post_processed": scores(post)}


def main(model, parameters, description, *evaluations):
    with open(model, "rb") as f:
        data = f.read()
    entry = {"name": os.path.basename(model).removesuffix(".xnet"), "file": os.path.basename(model),
             "description": description, "size_bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(),
             "parameters": int(parameters), "held_out": [held_out(e) for e in evaluations]}
    json.dump({"models": [entry]}, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
