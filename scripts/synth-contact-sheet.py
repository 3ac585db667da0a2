#!/usr/bin/python3
"""Contact sheet of an `xnet synth` output folder: one row per CT volume, each view as the
radiograph followed by its colour label. Usage: synth-contact-sheet.py SYNTH_DIR OUT.png [TILE_PX]
Needs Pillow and numpy (Debian: python3-pil, python3-numpy); used only to make documentation pictures."""
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw


def volume_of(path):
    return path.stem.rsplit("_v", 1)[0]


def tile(path, px, label=False):
    img = Image.open(path)
    if not label:
        a = np.asarray(img, dtype=np.float64)
        a = (a - a.min()) / max(a.max() - a.min(), 1e-9) * 255
        img = Image.fromarray(a.astype(np.uint8)).convert("RGB")
    return img.convert("RGB").resize((px, px), Image.NEAREST if label else Image.BILINEAR)


def main(root, out, px=160):
    root = Path(root)
    rows = defaultdict(list)
    for image in sorted(root.glob("Images/*/*.tif")):
        label = root / "Labels" / image.parent.name / (image.stem + "onehot.png")
        rows[volume_of(image)].append((image, label))
    cols = max(len(v) for v in rows.values()) * 2
    sheet = Image.new("RGB", (cols * px, len(rows) * (px + 18)), "white")
    draw = ImageDraw.Draw(sheet)
    for r, (volume, pairs) in enumerate(sorted(rows.items())):
        y = r * (px + 18)
        draw.text((4, y + 2), volume, fill="black")
        for c, (image, label) in enumerate(pairs):
            sheet.paste(tile(image, px), (2 * c * px, y + 18))
            sheet.paste(tile(label, px, label=True), ((2 * c + 1) * px, y + 18))
    sheet.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *(int(a) for a in sys.argv[3:]))
