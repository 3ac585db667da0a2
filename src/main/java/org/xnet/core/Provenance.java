package org.xnet.core;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        details = Map.copyOf(new TreeMap<>(Objects.requireNonNull(details, "details")));
    }

    /** Provenance stamped with this software's version and the current time (to the second). */
    public static Provenance now(long seed, String datasetSha256, Map<String, String> details) {
        return new Provenance("xnet-java", softwareVersion(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                seed, datasetSha256, details);
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
