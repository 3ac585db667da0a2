package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * One line of the training log: the epoch (1-based), mean training loss and pixel accuracy,
 * validation loss and accuracy, and the epoch's wall time in seconds.
 */
public record EpochRow(@JsonProperty("epoch") int epoch, @JsonProperty("loss") double loss,
                       @JsonProperty("acc") double acc, @JsonProperty("val_loss") double valLoss,
                       @JsonProperty("val_acc") double valAcc, @JsonProperty("time") double seconds) {
    /** The CSV header, the original's columns plus time. */
    public static final String CSV_HEADER = "epoch,loss,acc,val_loss,val_acc,time";

    /** This row as CSV (full float precision, so that two runs can be compared exactly). */
    public String toCsv() {
        return String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%.3f", epoch, Double.toString(loss), Double.toString(acc),
                Double.toString(valLoss), Double.toString(valAcc), seconds);
    }

    /** Parses a line written by {@link #toCsv()}. */
    public static EpochRow parseCsv(String line) {
        String[] f = line.split(",");
        if (f.length != 6) {
            throw new IllegalArgumentException("expected 6 comma-separated values (" + CSV_HEADER + "), got '" + line + "'");
        }
        return new EpochRow(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]));
    }
}
