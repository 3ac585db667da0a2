package org.xnet.train;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import org.xnet.model.Architecture;

/**
 * The architecture as training configs name it ("xnet", any case when read), leaving the model
 * file's own form of the enum unchanged.
 */
final class ArchitectureKey {
    private ArchitectureKey() {
    }

    static final class Writer extends StdSerializer<Architecture> {
        Writer() {
            super(Architecture.class);
        }

        @Override
        public void serialize(Architecture value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(value.cliName());
        }
    }

    static final class Reader extends StdDeserializer<Architecture> {
        Reader() {
            super(Architecture.class);
        }

        @Override
        public Architecture deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return Architecture.parse(in.getValueAsString());
        }
    }
}
