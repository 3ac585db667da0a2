package org.xnet.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import org.xnet.core.XNetException;

/**
 * JSON for the evaluation records ({@link EvaluationConfig}, {@link ThresholdTable}, {@link EvaluationResult}).
 * NaN and infinite numbers are written as the strings "NaN", "Infinity" (Jackson's default) and read back.
 */
public final class EvalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvalJson() {
    }

    /** {@code value} as indented JSON. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses {@code json} as a {@code type}; {@code what} names the source in the error. */
    public static <T> T fromJson(String json, Class<T> type, String what) throws XNetException {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new XNetException(what + ": not a valid " + type.getSimpleName() + ": " + oneLine(e), e);
        }
    }

    /** Reads the file {@code path} as a {@code type}. */
    public static <T> T read(Path path, Class<T> type) throws XNetException {
        try {
            return MAPPER.readValue(path.toFile(), type);
        } catch (IOException | IllegalArgumentException e) {
            throw new XNetException(path + ": not a valid " + type.getSimpleName() + ": " + oneLine(e), e);
        }
    }

    private static String oneLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
