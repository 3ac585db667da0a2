package org.xnet.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.xnet.core.XNetException;

/**
 * Files on any Hadoop file system (HDFS, S3A, {@code file:}) as the driver's Hadoop configuration
 * sees them: the configuration travels to the executors as a plain map, so credentials and file
 * system settings given to {@code spark-submit} ({@code --conf spark.hadoop.*}) hold there too.
 */
final class HadoopFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The largest file read into one array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final Map<String, String> settings;
    private transient Configuration conf;

    HadoopFiles(Configuration conf) {
        this.settings = new HashMap<>();
        conf.forEach(e -> settings.put(e.getKey(), e.getValue()));
        this.conf = conf;
    }

    Configuration conf() {
        if (conf == null) {
            Configuration c = new Configuration(false);
            settings.forEach(c::set);
            conf = c;
        }
        return conf;
    }

    FileSystem fileSystem(Path path) throws IOException {
        return path.getFileSystem(conf());
    }

    /** The whole content of {@code uri}; a failure names it in one line. */
    byte[] read(String uri) throws XNetException {
        try {
            Path path = new Path(uri);
            FileSystem fs = fileSystem(path);
            long length = fs.getFileStatus(path).getLen();
            if (length > MAX_BYTES) {
                throw new XNetException(uri + ": " + length + " bytes, more than the " + MAX_BYTES + " read at once");
            }
            try (InputStream in = fs.open(path)) {
                return in.readAllBytes();
            }
        } catch (java.io.FileNotFoundException e) {
            throw new XNetException(uri + ": no such file", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new XNetException(uri + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The inputs named by a list file: one file per line, blank lines and lines starting with
     * {@code #} ignored, a relative line resolved against the list file's folder (as
     * {@code xnet predict --input-list} reads them).
     */
    List<String> readList(String listUri) throws XNetException {
        String text = new String(read(listUri), StandardCharsets.UTF_8);
        String folder = new Path(listUri).getParent().toString();
        List<String> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            Path p = new Path(entry);
            // joined as text, as xnet predict does, so both name the input alike in their manifests
            out.add(p.isAbsolute() || p.toUri().getScheme() != null ? entry
                    : folder.endsWith("/") ? folder + entry : folder + "/" + entry);
        }
        return out;
    }
}
