package org.xnet.io;

import java.io.IOException;
import java.util.Objects;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * An ImageIO stream over a byte array whose {@link #length()} is known, as a file stream's is: some
 * decoders (jai-imageio's TIFF reader) notice a truncated image only by comparing offsets with the
 * length, and the JDK's {@code MemoryCacheImageInputStream} reports it as unknown (-1).
 *
 * <p>{@link #close()} lets go of the array. {@code ImageInputStreamImpl} has a finaliser, so a closed
 * stream, and the whole file with it, stays reachable until the finaliser thread has run: a heap
 * histogram showed the 200 MB of a 10000x10000 TIFF still live while its pixels became floats.
 */
class BytesImageInputStream extends ImageInputStreamImpl {
    private static final byte[] NONE = new byte[0];
    private byte[] bytes;

    BytesImageInputStream(byte[] bytes) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        return streamPos < bytes.length ? bytes[(int) streamPos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        Objects.checkFromIndexSize(off, len, b.length);
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= bytes.length) {
            return -1;
        }
        int n = (int) Math.min(len, bytes.length - streamPos);
        System.arraycopy(bytes, (int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        super.close();
        bytes = NONE;
    }

    @Override
    public long length() {
        return bytes.length;
    }
}
