package org.xnet.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.xnet.core.InvalidSetting;
import org.xnet.core.Sha256;
import org.xnet.core.XNetException;
import org.xnet.infer.BatchPredictor;
import org.xnet.infer.ManifestEntry;
import org.xnet.infer.ModelRef;
import org.xnet.infer.PredictConfig;
import org.xnet.io.ImageReaders;
import scala.Tuple2;

/**
 * {@code xnet predict} as a Spark job: the inputs (the files of a list, or every image file below a
 * folder, on any Hadoop file system) are segmented in {@code mapPartitions} by one model per executor
 * JVM, each input's outputs are written into the output folder exactly as {@code xnet predict}
 * writes them, and the manifest, one row per input with {@code xnet predict}'s columns, is written as
 * Parquet next to them ({@value #MANIFEST}). Inputs whose outputs are all there already are skipped
 * ({@code skipped-complete}, keeping what the earlier manifest said), so a job can simply be run
 * again after a failure. An input that cannot be read or segmented is a {@code failed} row.
 *
 * <p>The output folder is written through {@code java.nio} by every executor, so it must be a folder
 * that all of them see under one path (a local path in {@code local} mode, a shared mount on a
 * cluster); the inputs and the list may be on any Hadoop file system.
 */
public final class SparkPredict {
    /** The manifest's folder (Parquet) inside the output folder. */
    public static final String MANIFEST = "manifest.parquet";

    /**
     * The model, the inputs (exactly one of a list file and a folder, as Hadoop URIs or paths), the
     * output folder, what to write ({@link PredictConfig}, as {@code xnet predict}), the arithmetic
     * ({@code precision}, {@code layout} as {@code xnet predict} spells them), the number of
     * partitions (0: twice the default parallelism) and the executors' DJL cache folder (null: a
     * folder under their temporary folder, unless {@code DJL_CACHE_DIR} is set).
     */
    public record Request(ModelRef model, String inputList, String inputFolder, java.nio.file.Path out,
                          PredictConfig config, String precision, String layout, int partitions, String djlCache) {
        public Request {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(config, "config");
            if ((inputList == null) == (inputFolder == null)) {
                throw new InvalidSetting("inputs", "give exactly one of an input list and an input folder");
            }
            if (partitions < 0) {
                throw new InvalidSetting("partitions", partitions + ": expected 0 (automatic) or more");
            }
        }
    }

    /** Counts by status and the job's wall time; {@code failures} lists the first failed inputs' errors. */
    public record Summary(long inputs, long predicted, long skipped, long failed, long flagged, double seconds,
                          List<String> failures) {
    }

    private SparkPredict() {
    }

    /** Runs the job on {@code spark} and returns its counts; the manifest is in {@code out/}{@value #MANIFEST}. */
    public static Summary run(SparkSession spark, Request request) throws XNetException, IOException {
        long start = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        HadoopFiles files = new HadoopFiles(jsc.hadoopConfiguration());
        java.nio.file.Path out = request.out().toAbsolutePath();
        Files.createDirectories(out);
        byte[] model = request.model().bytes();
        ExecutorModel.Spec spec = new ExecutorModel.Spec(request.model().toString(), Sha256.of(model),
                request.precision(), request.layout(), spark.sparkContext().conf().getInt("spark.task.cpus", 1),
                request.djlCache());
        spec.request(); // a bad precision or layout fails here, on the driver
        Broadcast<byte[]> modelBytes = jsc.broadcast(model);
        int partitions = request.partitions() > 0 ? request.partitions() : 2 * jsc.defaultParallelism();
        PredictPartition task = new PredictPartition(spec, modelBytes, PredictSettings.of(request.config()),
                out.toString());
        JavaRDD<PredictPartition.Pending> inputs = request.inputList() != null
                ? listed(jsc, files, request.inputList(), partitions)
                : folder(jsc, files, request.inputFolder(), partitions);
        JavaRDD<Row> rows = inputs.mapPartitions(in -> {
            Iterator<ManifestEntry> entries = task.run(in);
            return new Iterator<Row>() {
                @Override
                public boolean hasNext() {
                    return entries.hasNext();
                }

                @Override
                public Row next() {
                    return ManifestTable.row(entries.next());
                }
            };
        });
        Dataset<Row> manifest = spark.createDataFrame(rows, ManifestTable.SCHEMA);
        Dataset<Row> written = writeManifest(spark, manifest, out);
        modelBytes.destroy();
        return summarise(written, (System.nanoTime() - start) / 1e9);
    }

    /** The files of a list file, read in the tasks through Hadoop; outputs named after each file's name. */
    private static JavaRDD<PredictPartition.Pending> listed(JavaSparkContext jsc, HadoopFiles files, String list,
                                                           int partitions) throws XNetException {
        List<String> uris = files.readList(list);
        List<java.nio.file.Path> relative = new ArrayList<>();
        for (String uri : uris) {
            relative.add(java.nio.file.Path.of(fileName(uri)));
        }
        BatchPredictor.checkDistinctOutputs(uris, relative);
        return jsc.parallelize(uris, Math.max(1, Math.min(partitions, uris.size())))
                .map(uri -> new PredictPartition.Pending(uri, fileName(uri), () -> files.read(uri)));
    }

    /**
     * Every file with an image extension below {@code folder} (recursively), read with
     * {@code binaryFiles}; outputs keep each file's folders relative to {@code folder}.
     */
    private static JavaRDD<PredictPartition.Pending> folder(JavaSparkContext jsc, HadoopFiles files, String folder,
                                                           int partitions) throws IOException {
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(folder);
        FileSystem fs = files.fileSystem(root);
        if (!fs.getFileStatus(root).isDirectory()) {
            throw new InvalidSetting("inputs", folder + ": not a folder");
        }
        String prefix = fs.makeQualified(root).toString().replaceAll("/+$", "") + "/";
        jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true");
        JavaRDD<Tuple2<String, PortableDataStream>> all = jsc.binaryFiles(prefix, partitions).rdd().toJavaRDD()
                .filter(f -> ImageReaders.hasImageExtension(java.nio.file.Path.of(fileName(f._1()))));
        List<String> names = all.map(Tuple2::_1).collect();
        if (names.isEmpty()) {
            throw new InvalidSetting("inputs", folder + ": no image files (" + String.join(", ",
                    ImageReaders.EXTENSIONS.stream().sorted().toList()) + ")");
        }
        List<java.nio.file.Path> relative = new ArrayList<>();
        for (String name : names) {
            relative.add(java.nio.file.Path.of(relativeTo(prefix, name)));
        }
        BatchPredictor.checkDistinctOutputs(names, relative);
        return all.map(f -> new PredictPartition.Pending(f._1(), relativeTo(prefix, f._1()),
                () -> readStream(f._1(), f._2())));
    }

    private static byte[] readStream(String name, PortableDataStream stream) throws XNetException {
        try {
            return stream.toArray();
        } catch (RuntimeException e) {
            throw new XNetException(name + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** {@code name} below {@code prefix} (a qualified folder ending in "/"), without the prefix. */
    static String relativeTo(String prefix, String name) {
        if (!name.startsWith(prefix)) {
            throw new IllegalStateException(name + " is not below " + prefix);
        }
        return name.substring(prefix.length());
    }

    /** The last part of a path or URI. */
    static String fileName(String uri) {
        return new org.apache.hadoop.fs.Path(uri).getName();
    }

    /**
     * Writes the manifest into {@code out}/{@value #MANIFEST}: into a new folder first, with skipped
     * inputs completed from the manifest already there, which the new one then replaces.
     */
    private static Dataset<Row> writeManifest(SparkSession spark, Dataset<Row> manifest, java.nio.file.Path out)
            throws IOException {
        java.nio.file.Path target = out.resolve(MANIFEST);
        java.nio.file.Path fresh = out.resolve("." + MANIFEST + "." + UUID.randomUUID() + ".tmp");
        Dataset<Row> table = manifest;
        if (Files.isDirectory(target)) {
            table = ManifestTable.keepEarlier(manifest, spark.read().schema(ManifestTable.SCHEMA)
                    .parquet(target.toUri().toString()));
        }
        table.write().mode(SaveMode.ErrorIfExists).parquet(fresh.toUri().toString());
        if (Files.isDirectory(target)) {
            java.nio.file.Path old = out.resolve("." + MANIFEST + "." + UUID.randomUUID() + ".old");
            Files.move(target, old);
            Files.move(fresh, target);
            deleteTree(old);
        } else {
            Files.move(fresh, target);
        }
        return spark.read().parquet(target.toUri().toString());
    }

    private static void deleteTree(java.nio.file.Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Counts by status, with Spark. */
    private static Summary summarise(Dataset<Row> manifest, double seconds) {
        Map<String, Long> byStatus = manifest.groupBy("status").count().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        long flagged = manifest.filter("size(flags) > 0").count();
        List<String> failures = manifest.filter(manifest.col("status").equalTo(ManifestEntry.FAILED))
                .select("error").limit(20).collectAsList().stream().map(r -> r.getString(0)).toList();
        long predicted = byStatus.getOrDefault(ManifestEntry.OK, 0L);
        long skipped = byStatus.getOrDefault(ManifestEntry.SKIPPED_COMPLETE, 0L);
        long failed = byStatus.getOrDefault(ManifestEntry.FAILED, 0L);
        return new Summary(predicted + skipped + failed, predicted, skipped, failed, flagged, seconds, failures);
    }
}
