package org.xnet.infer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xnet.core.AtomicFiles;
import org.xnet.core.Provenance;
import org.xnet.core.XNetException;

/**
 * The run record of a prediction run ({@link Part#runRecordName()}): what made the outputs (the
 * model's name and SHA-256, precision, layout, threads, engine, CPU, the options and the
 * output-affecting options as one line), which part of how many, and how it went. It is written
 * when the run starts ({@code state} "running"), so that a run killed midway still says what made
 * its outputs, and again when it ends ("finished", or "stopped" after a fail-fast error or a cancel).
 */
final class RunRecord {
    /** Keys that must agree before {@code --continue} keeps earlier outputs. */
    static final List<String> SAME_OUTPUTS_KEYS = List.of("model_sha256", "outputs", "precision");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, String> fixed;

    RunRecord(Path outDir, Part part, boolean resumed, Map<String, String> provenance, PredictConfig config) {
        this.file = outDir.resolve(part.runRecordName());
        Map<String, String> details = new LinkedHashMap<>(provenance);
        details.put("options", config.toString());
        details.put("outputs", config.describeOutputs());
        details.put("part", part.describe());
        details.put("num_parts", Integer.toString(part.numParts()));
        details.put("part_id", Integer.toString(part.partId()));
        details.put("manifest", part.manifestName());
        details.put("continued", Boolean.toString(resumed));
        this.fixed = details;
    }

    /**
     * Refuses to continue in {@code outDir} when any run record there (of the whole run or of any
     * part) was made with another model, other output-affecting options or another precision than
     * this run: keeping its outputs would mix two runs' results in one folder. A record that cannot
     * be read is refused too. The error names the record and the first difference.
     */
    void checkContinues(Path outDir) throws XNetException {
        for (Path other : records(outDir)) {
            Map<String, String> theirs;
            try {
                theirs = JSON.readValue(other.toFile(), Provenance.class).details();
            } catch (IOException e) {
                throw new XNetException(other + ": not a run record (" + e.getMessage().lines().findFirst().orElse("")
                        + "), so --continue cannot tell what made the outputs in " + outDir, e);
            }
            for (String key : SAME_OUTPUTS_KEYS) {
                String mine = fixed.get(key);
                String recorded = theirs.get(key);
                if (mine != null && !mine.equals(recorded)) {
                    throw new XNetException(other + ": the outputs in " + outDir + " were made with " + key + " "
                            + (recorded == null ? "(not recorded)" : "'" + recorded + "'") + ", this run has '" + mine
                            + "': --continue would mix the two; use another --out, or predict without --continue");
                }
            }
        }
    }

    /** The run records in {@code outDir}: {@code run.json} and {@code run-part-I-of-N.json}. */
    static List<Path> records(Path outDir) throws XNetException {
        if (!Files.isDirectory(outDir)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(outDir,
                p -> p.getFileName().toString().matches("run(-part-\\d+-of-\\d+)?\\.json"))) {
            List<Path> out = new java.util.ArrayList<>();
            files.forEach(out::add);
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw new XNetException("cannot list " + outDir + ": " + AtomicFiles.describe(e), e);
        }
    }

    /** Writes the record with {@code state} and the counts so far. */
    void write(String state, int allInputs, int partInputs, PredictionSummary summary) throws XNetException {
        Map<String, String> details = new LinkedHashMap<>(fixed);
        details.put("state", state);
        details.put("inputs", Integer.toString(allInputs));
        details.put("part_inputs", Integer.toString(partInputs));
        details.put("predicted", Integer.toString(summary.predicted()));
        details.put("skipped", Integer.toString(summary.skipped()));
        details.put("failed", Integer.toString(summary.failures().size()));
        details.put("flagged", Integer.toString(summary.flagged()));
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(Provenance.now(0, "", details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run record as JSON", e);
        }
        AtomicFiles.writeBytes(file, json);
    }
}
