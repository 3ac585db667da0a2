package org.xnet.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.xnet.core.XNetException;

/**
 * The per-epoch training log: a CSV with a header naming at least {@code epoch, loss, acc, val_loss,
 * val_acc} (in any order; other columns such as {@code time} are ignored), as the Keras CSVLogger of the
 * original and our trainer write it.
 */
public record TrainingLog(List<Epoch> epochs) {
    /** One row of the log. */
    public record Epoch(int epoch, double loss, double acc, double valLoss, double valAcc) {
    }

    private static final List<String> REQUIRED = List.of("epoch", "loss", "acc", "val_loss", "val_acc");

    public TrainingLog {
        epochs = List.copyOf(epochs);
    }

    /** Reads {@code csv}; a missing column, a short row or a non-number is an error naming the file and line. */
    public static TrainingLog read(Path csv) throws XNetException {
        if (!Files.exists(csv)) {
            throw new XNetException(csv + ": training log not found");
        }
        if (!Files.isRegularFile(csv)) {
            throw new XNetException(csv + ": training log is not a file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new XNetException("cannot read training log " + csv + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new XNetException(csv + ": empty training log, expected a header " + String.join(",", REQUIRED));
        }
        List<String> header = Arrays.stream(lines.get(0).split(",", -1))
                .map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        int[] column = new int[REQUIRED.size()];
        for (int i = 0; i < column.length; i++) {
            column[i] = header.indexOf(REQUIRED.get(i));
            if (column[i] < 0) {
                throw new XNetException(csv + ": header has no column '" + REQUIRED.get(i) + "' (found " + header + ")");
            }
        }
        List<Epoch> epochs = new ArrayList<>();
        for (int line = 1; line < lines.size(); line++) {
            if (!lines.get(line).isBlank()) {
                epochs.add(parse(csv, line + 1, lines.get(line).split(",", -1), column, header.size()));
            }
        }
        return new TrainingLog(epochs);
    }

    private static Epoch parse(Path csv, int lineNumber, String[] cells, int[] column, int width) throws XNetException {
        if (cells.length != width) {
            throw new XNetException(csv + " line " + lineNumber + ": expected " + width + " values, got " + cells.length);
        }
        double[] v = new double[column.length];
        for (int i = 0; i < column.length; i++) {
            String cell = cells[column[i]].strip();
            try {
                v[i] = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new XNetException(csv + " line " + lineNumber + ": " + REQUIRED.get(i) + " is not a number: '"
                        + cell + "'");
            }
        }
        return new Epoch((int) v[0], v[1], v[2], v[3], v[4]);
    }
}
