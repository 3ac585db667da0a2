#!/usr/bin/python3
"""Regenerates the tiny HDF5 fixtures that DatasetFileH5pyTest reads (not a test itself).

Run from this directory with Debian's h5py:  /usr/bin/python3 make_fixtures.py
Every value follows a formula that the Java test recomputes:
  image n of a split (counting train, then test, then val): pixel (y, x) = (100*n + 8*y + x) / 1000
  label class at (y, x) of image n: (n + x + 2*y) % 3, stored one-hot
"""
import h5py
import numpy as np

SIZE = 8
SPLITS = [("train", ["hand", "knee", "neckoffemu"], ["hand01", "knee_2", "nof_3"]),
          ("test", ["ankle"], ["anke4"]),
          ("val", ["lumbarspin"], ["lumbar5"])]


def arrays(first, count):
    images = np.zeros((count, SIZE, SIZE, 1), dtype=np.float64)
    classes = np.zeros((count, SIZE, SIZE), dtype=np.int64)
    for i in range(count):
        n = first + i
        for y in range(SIZE):
            for x in range(SIZE):
                images[i, y, x, 0] = (100 * n + 8 * y + x) / 1000.0
                classes[i, y, x] = (n + x + 2 * y) % 3
    onehot = np.eye(3, dtype=np.int64)[classes]
    return images, onehot


def original(path):
    """As the original create_h5.py wrote it: contiguous, int64 labels, S10/S60 strings."""
    with h5py.File(path, "w") as f:
        f.attrs["image_size"] = SIZE
        f.attrs["max_value"] = 1.0
        f.attrs["min_value"] = 0.0
        first = 0
        for prefix, parts, files in SPLITS:
            images, labels = arrays(first, len(parts))
            first += len(parts)
            f.create_dataset(prefix + "_img", data=images, dtype=np.float64)
            f.create_dataset(prefix + "_label", data=labels, dtype=np.int64)
            f.create_dataset(prefix + "_bodypart", data=np.array(parts, dtype="S10"))
            f.create_dataset(prefix + "_file", data=np.array(files, dtype="S60"))


def chunked(path):
    """Chunked, shuffled and gzip-compressed; float32 one-hot labels (as Keras to_categorical gives),
    float32 images, resizable datasets, variable-length UTF-8 file names, an empty validation split."""
    with h5py.File(path, "w") as f:
        f.attrs["image_size"] = np.int32(SIZE)
        f.attrs["max_value"] = np.float32(4095.0)
        f.attrs["min_value"] = np.float32(-12.5)
        first = 0
        for prefix, parts, files in SPLITS:
            count = len(parts) if prefix != "val" else 0
            images, labels = arrays(first, count)
            first += count
            f.create_dataset(prefix + "_img", data=images.astype(np.float32), chunks=(1, 4, 4, 1),
                             maxshape=(None, SIZE, SIZE, 1), compression="gzip", shuffle=True)
            f.create_dataset(prefix + "_label", data=labels.astype(np.float32), chunks=(1, 8, 8, 3),
                             maxshape=(None, SIZE, SIZE, 3), compression="gzip", compression_opts=9)
            f.create_dataset(prefix + "_bodypart", data=np.array(parts[:count], dtype="S10"))
            f.create_dataset(prefix + "_file", data=files[:count], dtype=h5py.string_dtype())


if __name__ == "__main__":
    original("original_contiguous.h5")
    chunked("chunked_gzip.h5")
