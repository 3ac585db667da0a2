package org.xnet.synth;

import org.xnet.core.Volume;

/** Finds the largest 6-connected region of voxels above a threshold, by breadth-first flood fill. */
final class LargestRegion {
    static final byte OUTSIDE = 0;
    static final byte OTHER_REGION = 1;
    static final byte LARGEST = 2;

    private LargestRegion() {
    }

    /**
     * Per voxel: {@link #OUTSIDE} (at or below the threshold), {@link #LARGEST} (in the largest region;
     * the first found wins a tie) or {@link #OTHER_REGION}.
     */
    static byte[] mark(Volume v, double threshold) {
        float[] data = v.data();
        byte[] state = new byte[data.length];
        IntQueue queue = new IntQueue();
        int bestSeed = -1;
        long bestSize = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] > threshold && state[i] == OUTSIDE) {
                long size = fill(v, threshold, state, i, OUTSIDE, OTHER_REGION, queue);
                if (size > bestSize) {
                    bestSize = size;
                    bestSeed = i;
                }
            }
        }
        if (bestSeed >= 0) {
            fill(v, threshold, state, bestSeed, OTHER_REGION, LARGEST, queue);
        }
        return state;
    }

    /** Relabels the region containing {@code seed} from {@code from} to {@code to}; returns its size. */
    private static long fill(Volume v, double threshold, byte[] state, int seed, byte from, byte to, IntQueue queue) {
        int nx = v.nx();
        int ny = v.ny();
        int nz = v.nz();
        int plane = nx * ny;
        float[] data = v.data();
        long size = 0;
        state[seed] = to;
        queue.push(seed);
        while (!queue.isEmpty()) {
            int i = queue.pop();
            size++;
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / plane;
            if (x > 0) visit(i - 1, data, threshold, state, from, to, queue);
            if (x < nx - 1) visit(i + 1, data, threshold, state, from, to, queue);
            if (y > 0) visit(i - nx, data, threshold, state, from, to, queue);
            if (y < ny - 1) visit(i + nx, data, threshold, state, from, to, queue);
            if (z > 0) visit(i - plane, data, threshold, state, from, to, queue);
            if (z < nz - 1) visit(i + plane, data, threshold, state, from, to, queue);
        }
        return size;
    }

    private static void visit(int j, float[] data, double threshold, byte[] state, byte from, byte to, IntQueue queue) {
        if (state[j] == from && data[j] > threshold) {
            state[j] = to;
            queue.push(j);
        }
    }

    /** {xmin, ymin, zmin, xmax, ymax, zmax} of the {@link #LARGEST} voxels, or null when there are none. */
    static int[] boundingBox(byte[] state, int nx, int ny, int nz) {
        int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1, -1};
        int i = 0;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++, i++) {
                    if (state[i] == LARGEST) {
                        box[0] = Math.min(box[0], x);
                        box[1] = Math.min(box[1], y);
                        box[2] = Math.min(box[2], z);
                        box[3] = Math.max(box[3], x);
                        box[4] = Math.max(box[4], y);
                        box[5] = Math.max(box[5], z);
                    }
                }
            }
        }
        return box[3] < 0 ? null : box;
    }

    /** A growable ring buffer of ints (the flood-fill frontier). */
    static final class IntQueue {
        private int[] items = new int[1 << 12];
        private int head;
        private int size;

        void push(int value) {
            if (size == items.length) {
                int[] bigger = new int[items.length * 2];
                for (int k = 0; k < size; k++) {
                    bigger[k] = items[(head + k) % items.length];
                }
                items = bigger;
                head = 0;
            }
            items[(head + size) % items.length] = value;
            size++;
        }

        int pop() {
            int value = items[head];
            head = (head + 1) % items.length;
            size--;
            return value;
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
