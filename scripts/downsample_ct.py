#!/usr/bin/env python3
"""Makes the built-in sample chest: itkelastix_chest.nii.gz (512x512x141, 0.977x0.977x2 mm, int16 HU)
downsampled to about 3 mm: 3x3 block mean in x-y (2.93 mm), linear interpolation along z to 3 mm.
Keeps the sform orientation (LPS voxel order). Needs only numpy.

    python3 scripts/downsample_ct.py ../shared/data/ct/itkelastix_chest.nii.gz \
        src/main/resources/org/xnet/sample/itkelastix_chest3mm.nii.gz
"""
import gzip
import struct
import sys

import numpy as np


def main(src, dst):
    raw = gzip.open(src).read()
    header = bytearray(raw[:352])
    nx, ny, nz = struct.unpack('<3h', raw[42:48])
    sx, sy, sz = struct.unpack('<3f', raw[80:92])
    offset = int(struct.unpack('<f', raw[108:112])[0])
    v = np.frombuffer(raw[offset:offset + 2 * nx * ny * nz], dtype='<i2').reshape(nz, ny, nx).astype(np.float64)
    b = 3
    v = v[:, :ny // b * b, :nx // b * b].reshape(nz, ny // b, b, nx // b, b).mean(axis=(2, 4))
    zs = np.arange(0, (nz - 1) * sz + 1e-9, 3.0) / sz
    z0 = np.floor(zs).astype(int).clip(0, nz - 2)
    f = (zs - z0)[:, None, None]
    v = v[z0] * (1 - f) + v[z0 + 1] * f
    out = np.rint(v).clip(-1024, 32767).astype('<i2')
    mz, my, mx = out.shape
    struct.pack_into('<3h', header, 42, mx, my, mz)
    struct.pack_into('<3f', header, 80, sx * b, sy * b, 3.0)
    srow = list(struct.unpack('<12f', raw[280:328]))
    srow[0] *= b
    srow[5] *= b
    srow[10] = 3.0 if srow[10] > 0 else -3.0
    struct.pack_into('<12f', header, 280, *srow)
    struct.pack_into('<f', header, 108, 352.0)
    with gzip.GzipFile(dst, 'wb', mtime=0) as fh:
        fh.write(bytes(header) + out.tobytes())


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
