package org.xnet.eval;

import org.xnet.core.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.xnet.core.XNetException;

/** Writes an evaluation as {@code results.json} (every number) and {@code results.txt} (the summary). */
public final class ResultsWriter {
    public static final String JSON = "results.json";
    public static final String TEXT = "results.txt";

    private ResultsWriter() {
    }

    /** Writes both files into {@code dir} (created if needed), each atomically. */
    public static void write(EvaluationResult result, Path dir) throws XNetException {
        AtomicFiles.writeBytes(dir.resolve(JSON), EvalJson.toJson(result).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.writeBytes(dir.resolve(TEXT), ResultsText.format(result).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a {@code results.json} written by {@link #write}. */
    public static EvaluationResult read(Path json) throws XNetException {
        return EvalJson.read(json, EvaluationResult.class);
    }
}
