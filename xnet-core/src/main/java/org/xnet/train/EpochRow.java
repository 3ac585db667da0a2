package org.xnet.train;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Locale;

/**
 * One line of the training log: the epoch (1-based), mean training loss and pixel accuracy,
 * validation loss and accuracy, the epoch's wall time in seconds and, of that, the seconds the
 * trainer waited for training batches (0 when augmentation keeps ahead of it).
 */
public record EpochRow(@JsonProperty("epoch") int epoch, @JsonProperty("loss") double loss,
                       @JsonProperty("acc") double acc, @JsonProperty("val_loss") double valLoss,
                       @JsonProperty("val_acc") double valAcc, @JsonProperty("time") double seconds,
                       @JsonProperty("data_wait") double dataWaitSeconds) {
    /** The CSV header, the original's columns plus time and data wait. */
    public static final String CSV_HEADER = "epoch,loss,acc,val_loss,val_acc,time,data_wait";

    /** This row as CSV (full float precision, so that two runs can be compared exactly). */
    public String toCsv() {
        return String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%.3f,%.4f", epoch, Double.toString(loss), Double.toString(acc),
                Double.toString(valLoss), Double.toString(valAcc), seconds, dataWaitSeconds);
    }

    /** Parses a line written by {@link #toCsv()} (or by an earlier version, without the data wait). */
    public static EpochRow parseCsv(String line) {
        String[] f = line.split(",");
        if (f.length != 6 && f.length != 7) {
            throw new IllegalArgumentException("expected 7 comma-separated values (" + CSV_HEADER + "), got '" + line + "'");
        }
        return new EpochRow(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                f.length == 7 ? Double.parseDouble(f[6]) : 0);
    }
}
