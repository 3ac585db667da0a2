package org.xnet.io;

import java.io.EOFException;
import java.io.IOException;

/**
 * A JPEG 2000 codestream (or JP2 file) in memory, as the input of jai-imageio's jj2000 decoder: a
 * single-byte read past the end throws {@link EOFException} instead of returning -1, and is remembered.
 *
 * <p>jj2000 reads through its own {@code RandomAccessIO}, whose {@code read()} must throw
 * {@code EOFException} at the end; its packet-header decoder relies on that to stop. jai-imageio's
 * adapter passes the {@code ImageInputStream}'s -1 through instead, which the bit reader takes as
 * eight 1 bits, again and again: a packet header that runs past the end of the data (a codestream
 * declaring five quality layers and coding one) then counts Lblock increments (ISO 15444-1 B.10.7.1)
 * towards 2^32, for minutes (found by DicomFuzzTest). With this stream jj2000 stops there as on any
 * truncated data, and the caller refuses the image: a whole codestream ends with its EOC marker and is
 * never read past its end ({@link #readPastEnd()}). Bulk reads still return -1 at the end, as
 * {@code ImageInputStream} specifies.
 */
final class Jpeg2000Input extends BytesImageInputStream {
    private boolean readPastEnd;

    Jpeg2000Input(byte[] bytes) {
        super(bytes);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            readPastEnd = true;
            throw new EOFException("read past the end of the JPEG 2000 data (" + length() + " bytes)");
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        readPastEnd |= n < 0;
        return n;
    }

    /** Whether a read asked for data past the end: the decoder needed more bytes than there are. */
    boolean readPastEnd() {
        return readPastEnd;
    }
}
