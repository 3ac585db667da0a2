package org.xnet.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Wire-format bytes checked against the encodings the protobuf documentation works through by hand. */
class ProtobufTest {
    @Test
    void varintsFollowTheDocumentedEncoding() {
        assertThat(new Protobuf().varint(1, 150).toByteArray()).containsExactly(0x08, 0x96, 0x01);
        assertThat(new Protobuf().varint(2, 0).toByteArray()).containsExactly(0x10, 0x00);
        byte[] minusOne = new Protobuf().varint(1, -1).toByteArray();
        assertThat(minusOne).hasSize(11);
        assertThat(minusOne[10]).isEqualTo((byte) 0x01);
        assertThat(Arrays.copyOfRange(minusOne, 1, 10)).containsOnly((byte) 0xFF);
    }

    @Test
    void stringsAndNestedMessagesAreLengthDelimited() {
        assertThat(new Protobuf().string(2, "testing").toByteArray())
                .containsExactly(0x12, 0x07, 't', 'e', 's', 't', 'i', 'n', 'g');
        byte[] nested = new Protobuf().message(3, new Protobuf().varint(1, 150)).toByteArray();
        assertThat(nested).containsExactly(0x1a, 0x03, 0x08, 0x96, 0x01);
    }

    /** A large linked field between small ones, inside a nested message, comes out in field order. */
    @Test
    void linkedChunksKeepTheirOrder() {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 7);
        Protobuf inner = new Protobuf().varint(1, 1).bytes(2, big).varint(3, 3);
        byte[] out = new Protobuf().varint(1, 9).message(2, inner).varint(3, 4).toByteArray();
        // outer field 1, then field 2 with a two-byte length of 2 + 3 + 5000 + 2 = 5007, then inner bytes
        assertThat(Arrays.copyOfRange(out, 0, 5)).containsExactly(0x08, 0x09, 0x12, 0x8F, 0x27);
        assertThat(Arrays.copyOfRange(out, 5, 10)).containsExactly(0x08, 0x01, 0x12, 0x88, 0x27);
        assertThat(Arrays.copyOfRange(out, 10, 5010)).containsOnly((byte) 7);
        assertThat(Arrays.copyOfRange(out, 5010, out.length)).containsExactly(0x18, 0x03, 0x18, 0x04);
    }
}
