package org.xnet.core;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How an artefact (model file, dataset, log, report) was made: software version, time, seed, the
 * SHA-256 of the input dataset (empty when none) and free-form details such as the configuration.
 */
public record Provenance(String software, String version, String created, long seed,
                         String datasetSha256, Map<String, String> details) {
    public Provenance {
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(datasetSha256, "datasetSha256");
        // sorted, not Map.copyOf: its iteration order changes from JVM to JVM, and so would every JSON file
        details = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(details, "details")));
    }

    /**
     * The environment variable of the reproducible-builds convention: seconds since 1970 that stand in
     * for "now" in every provenance, so that a rerun of a recipe writes the same bytes.
     */
    public static final String SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH";

    /**
     * Provenance stamped with this software's version and the current time (to the second), or the
     * time in {@value #SOURCE_DATE_EPOCH} when that variable is set.
     */
    public static Provenance now(long seed, String datasetSha256, Map<String, String> details) {
        return new Provenance("xnet-java", softwareVersion(), created(System.getenv(SOURCE_DATE_EPOCH), Instant.now()),
                seed, datasetSha256, details);
    }

    /**
     * The creation time to record: {@code sourceDateEpoch} (whole seconds since 1970, from the
     * environment; null or blank = unset) or else {@code now}, as ISO-8601 to the second. A value that
     * is not a whole number of seconds is a mistake in the environment and refused.
     */
    static String created(String sourceDateEpoch, Instant now) {
        if (sourceDateEpoch == null || sourceDateEpoch.isBlank()) {
            return now.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.strip())).toString();
        } catch (NumberFormatException e) {
            throw new InvalidSetting(SOURCE_DATE_EPOCH, "must be whole seconds since 1970, got '" + sourceDateEpoch + "'");
        }
    }

    /** {@link #created()} as an instant (the epoch when it does not parse, as in files of other tools). */
    public Instant createdInstant() {
        try {
            return Instant.parse(created);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The project version from the build, or "dev" when run from unpackaged classes without resources. */
    public static String softwareVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/org/xnet/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }
}
