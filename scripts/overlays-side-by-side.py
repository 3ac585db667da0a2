#!/usr/bin/python3
"""Side-by-side pictures of two `xnet predict --overlay` runs over the same inputs, one PNG per input:
the radiograph (grey, as xnet reads it: open beam bright), the first run's overlay, the second run's
overlay and, where a synth label of the same name exists, that label; under each panel a caption row
with the model and the class fractions from the run's manifest.jsonl (and, against a label, the pixel
accuracy of the mask). Called by scripts/overlays-side-by-side.sh; documentation pictures only.

Usage: overlays-side-by-side.py OLD_DIR NEW_DIR LABELS_DIR OUT_DIR [PANEL_PX]
  OLD_DIR, NEW_DIR  `xnet predict --overlay` output folders (manifest.jsonl, run.json, *_overlay.png,
                    *_mask.png) over the same inputs
  LABELS_DIR        an `xnet synth` Labels folder (NAME + "onehot.png", searched recursively) or "-"
Needs Pillow and numpy (Debian: python3-pil, python3-numpy, python3-pydicom for DICOM inputs).
Deterministic: the same inputs give the same bytes (sorted inputs, fixed font, no timestamps)."""
import json
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

CLASSES = ("open_beam", "soft_tissue", "bone")
SHORT = {"open_beam": "open", "soft_tissue": "tissue", "bone": "bone"}
# Label colours of xnet synth / xnet prepare: white open beam, yellow soft tissue, blue bone.
LABEL_RGB = ((255, 255, 255), (255, 255, 0), (0, 0, 255))
CAPTION_LINE = 15
# Palette: GREYS pure grey levels for the radiograph and the text, COLOURS for the overlays and labels
# (one shared median-cut palette tinted the grey panel blue).
GREYS = 64
COLOURS = 128


def manifest(folder):
    """Manifest lines of a predict run by output stem (the input's file name without extension)."""
    lines = {}
    for line in (folder / "manifest.jsonl").read_text().splitlines():
        entry = json.loads(line)
        if entry["status"] == "ok":
            lines[Path(entry["input"]).stem] = entry
    return lines


def model_name(folder):
    details = json.loads((folder / "run.json").read_text())["details"]
    name = details["model"]
    if name.endswith("ensemble.json"):
        name = "ensemble of %s models: %s" % (details.get("ensemble_members", "?"), Path(name).parent.name)
    return "%s (sha256 %s)" % (name, details["model_sha256"][:8])


def radiograph(path):
    """The image as xnet reads it (exposure polarity: MONOCHROME2 inverted), 1st-99th percentile to 0-255."""
    if path.suffix.lower() in (".dcm", ".dicom"):
        import pydicom
        ds = pydicom.dcmread(str(path))
        a = ds.pixel_array.astype(np.float64)
        if ds.PhotometricInterpretation == "MONOCHROME2":
            a = a.max() - a
    else:
        a = np.asarray(Image.open(path), dtype=np.float64)
    lo, hi = np.percentile(a, (1, 99))
    a = np.clip((a - lo) / max(hi - lo, 1e-9), 0, 1) * 255
    return Image.fromarray(np.round(a).astype(np.uint8)).convert("RGB")


def label_indices(path):
    rgb = np.asarray(Image.open(path).convert("RGB"))
    index = np.full(rgb.shape[:2], -1, dtype=np.int16)
    for k, colour in enumerate(LABEL_RGB):
        index[np.all(rgb == colour, axis=2)] = k
    if (index < 0).any():
        raise SystemExit("%s: expected only white, yellow and blue label pixels" % path)
    return index


def fractions(counts):
    total = sum(counts)
    return " ".join("%s %.1f %%" % (SHORT[c], 100.0 * n / total) for c, n in zip(CLASSES, counts))


def prediction_caption(entry, mask_path, truth):
    """Two lines: the manifest's class fractions; its mean confidence, flags and the accuracy against a label."""
    text = "mean confidence %.2f" % entry["mean_confidence"]
    if entry["flags"]:
        text += " (" + ", ".join(entry["flags"]) + ")"
    if truth is not None:
        mask = np.asarray(Image.open(mask_path))
        text += "; pixel accuracy %.1f %%" % (100.0 * np.mean(mask == truth))
    return [" ".join("%s %.1f %%" % (SHORT[c], 100 * entry[c]) for c in CLASSES), text]


def panel(image, px):
    height = max(1, round(image.height * px / image.width))
    return image.resize((px, height), Image.LANCZOS)


def compose(panels, px):
    """panels: [(image, [caption lines])]; one row of images, captions underneath."""
    tiles = [panel(image, px) for image, _ in panels]
    lines = max(len(caption) for _, caption in panels)
    height = max(t.height for t in tiles)
    sheet = Image.new("RGB", (px * len(tiles) + 4 * (len(tiles) - 1), height + lines * CAPTION_LINE + 6), "white")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.load_default()
    for i, (tile, (_, caption)) in enumerate(zip(tiles, panels)):
        x = i * (px + 4)
        sheet.paste(tile, (x, 0))
        draw.rectangle((x, 0, x + tile.width - 1, tile.height - 1), outline=(160, 160, 160))
        for k, text in enumerate(caption):
            draw.text((x + 3, height + 3 + k * CAPTION_LINE), text, fill="black", font=font)
    return quantise(sheet, px + 4)


def quantise(sheet, first_colour_x):
    """A palette image: GREYS exact greys and COLOURS median-cut colours of the panels right of first_colour_x."""
    colours = sheet.crop((first_colour_x, 0, sheet.width, sheet.height)).quantize(
        COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette = []
    for k in range(GREYS):
        palette += [round(k * 255 / (GREYS - 1))] * 3
    palette += colours.getpalette()[: 3 * COLOURS]
    target = Image.new("P", (1, 1))
    target.putpalette(palette + palette[-3:] * (256 - len(palette) // 3))
    return sheet.quantize(palette=target, dither=Image.Dither.NONE)


def main(old_dir, new_dir, labels_dir, out_dir, px=400):
    old_dir, new_dir, out_dir = Path(old_dir), Path(new_dir), Path(out_dir)
    old, new = manifest(old_dir), manifest(new_dir)
    if sorted(old) != sorted(new):
        raise SystemExit("the two runs predicted different inputs: %s vs %s" % (sorted(old), sorted(new)))
    labels = {}
    if labels_dir != "-":
        labels = {p.name[: -len("onehot.png")]: p for p in Path(labels_dir).rglob("*onehot.png")}
    names = (model_name(old_dir), model_name(new_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    for stem in sorted(old):
        source = Path(old[stem]["input"])
        overlays = [next(d.rglob(stem + "_overlay.png")) for d in (old_dir, new_dir)]
        truth = label_indices(labels[stem]) if stem in labels else None
        grey = radiograph(source)
        panels = [(grey, [source.name, "%dx%d px" % grey.size, "as xnet reads it: open beam bright"])]
        for title, entry, overlay, folder in zip(("old: ", "new: "), (old[stem], new[stem]), overlays,
                                                 (old_dir, new_dir)):
            mask = overlay.with_name(stem + "_mask.png")
            panels.append((Image.open(overlay).convert("RGB"),
                           [title + names[0 if folder == old_dir else 1]] + prediction_caption(entry, mask, truth)))
        if truth is not None:
            counts = [int(np.sum(truth == k)) for k in range(3)]
            panels.append((Image.open(labels[stem]).convert("RGB"), ["synth label (truth)", fractions(counts)]))
        target = out_dir / (stem + "-side-by-side.png")
        compose(panels, px).save(target, optimize=True)
        print(target)


if __name__ == "__main__":
    if len(sys.argv) not in (5, 6):
        raise SystemExit(__doc__)
    main(*sys.argv[1:5], *(int(a) for a in sys.argv[5:]))
