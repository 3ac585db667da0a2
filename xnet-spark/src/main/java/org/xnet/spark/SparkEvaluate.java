package org.xnet.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Sample;
import org.xnet.core.SegClass;
import org.xnet.core.Sha256;
import org.xnet.core.Split;
import org.xnet.core.XNetException;
import org.xnet.eval.ConfusionMatrix;
import org.xnet.eval.EvalJson;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.Metrics;
import org.xnet.eval.PostProcessed;
import org.xnet.infer.ModelRef;
import org.xnet.infer.Segmenter;
import org.xnet.infer.SegmenterOptions;
import org.xnet.io.DatasetFile;
import scala.Tuple2;

/**
 * {@code xnet evaluate}'s metrics as a Spark job: the samples of a dataset file (written by
 * {@code xnet prepare}) are segmented in the executors, each image's confusion matrices (one per
 * post-processing variant, as {@link PostProcessed} makes them) are summed per variant and body part
 * with {@code reduceByKey}, and the driver turns the sums into {@link Metrics} (per-class precision,
 * recall, F1, IoU, the soft-tissue TP and FP rates). The numbers are those of {@code xnet evaluate}
 * on the same data (the ROC curves and AUC, which need every pixel's probability, are not computed).
 */
public final class SparkEvaluate {
    /** Model, dataset file (a local or shared path), splits, post-processing, arithmetic and partitions (0: automatic). */
    public record Request(ModelRef model, java.nio.file.Path data, List<Split> splits, EvaluationConfig config,
                          String precision, String layout, int partitions, String djlCache) {
        public Request {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(data, "data");
            splits = List.copyOf(splits);
            Objects.requireNonNull(config, "config");
        }
    }

    /** The metrics of each variant (in {@link EvaluationConfig#variantNames()} order), overall and per body part. */
    public record Result(long images, Map<String, ConfusionMatrix> overall,
                         Map<String, Map<String, ConfusionMatrix>> byBodyPart, double seconds) {
        public Map<String, Metrics> metrics() {
            Map<String, Metrics> out = new LinkedHashMap<>();
            overall.forEach((variant, m) -> out.put(variant, Metrics.of(m)));
            return out;
        }
    }

    /** One sample as plain arrays, for shipping to the executors. */
    record Item(int width, int height, float[] pixels, byte[] labels, String bodyPart) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private SparkEvaluate() {
    }

    public static Result run(SparkSession spark, Request request) throws XNetException, IOException {
        long start = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        org.xnet.core.Dataset dataset = DatasetFile.read(request.data());
        List<Item> items = new ArrayList<>();
        for (Split split : request.splits()) {
            for (Sample s : dataset.get(split)) {
                items.add(new Item(s.image().width(), s.image().height(), s.image().data(), s.label().data(),
                        s.bodyPart()));
            }
        }
        if (items.isEmpty()) {
            throw new XNetException(request.data() + ": the split(s) " + request.splits() + " hold no images");
        }
        byte[] model = request.model().bytes();
        ExecutorModel.Spec spec = new ExecutorModel.Spec(request.model().toString(), Sha256.of(model),
                request.precision(), request.layout(), spark.sparkContext().conf().getInt("spark.task.cpus", 1),
                request.djlCache());
        spec.request();
        Broadcast<byte[]> modelBytes = jsc.broadcast(model);
        EvaluationConfig config = request.config();
        String configJson = EvalJson.toJson(config); // the records are not Serializable: shipped as their JSON
        List<String> variants = config.variantNames();
        int partitions = request.partitions() > 0 ? request.partitions() : 2 * jsc.defaultParallelism();
        JavaRDD<Item> rdd = jsc.parallelize(items, Math.max(1, Math.min(partitions, items.size())));
        List<Tuple2<Tuple2<Integer, String>, long[]>> sums = rdd
                .mapPartitionsToPair(in -> counts(in, ExecutorModel.get(spec, modelBytes::value),
                        EvalJson.fromJson(configJson, EvaluationConfig.class, "evaluation settings")))
                .reduceByKey(SparkEvaluate::add)
                .collect();
        modelBytes.destroy();
        Map<String, ConfusionMatrix> overall = new LinkedHashMap<>();
        Map<String, Map<String, ConfusionMatrix>> parts = new LinkedHashMap<>();
        for (String v : variants) {
            overall.put(v, new ConfusionMatrix());
            parts.put(v, new TreeMap<>());
        }
        for (Tuple2<Tuple2<Integer, String>, long[]> s : sums) {
            String variant = variants.get(s._1()._1());
            ConfusionMatrix m = matrix(s._2());
            overall.get(variant).merge(m);
            parts.get(variant).put(s._1()._2(), m);
        }
        return new Result(items.size(), overall, parts, (System.nanoTime() - start) / 1e9);
    }

    /** Each image's confusion matrices keyed by (variant index, body part), a batch of images at a time. */
    private static Iterator<Tuple2<Tuple2<Integer, String>, long[]>> counts(Iterator<Item> in, Segmenter segmenter,
                                                                           EvaluationConfig config) {
        SegmenterOptions options = SegmenterOptions.resize();
        Map<Tuple2<Integer, String>, long[]> sums = new LinkedHashMap<>();
        List<Item> batch = new ArrayList<>();
        while (in.hasNext()) {
            batch.add(in.next());
            if (batch.size() == options.batchSize() || !in.hasNext()) {
                List<Image2D> images = batch.stream().map(i -> new Image2D(i.width(), i.height(), i.pixels())).toList();
                List<ProbabilityMap> probabilities = segmenter.probabilities(images, options);
                for (int k = 0; k < batch.size(); k++) {
                    Item item = batch.get(k);
                    LabelMap truth = new LabelMap(item.width(), item.height(), item.labels());
                    List<LabelMap> maps = PostProcessed.of(probabilities.get(k), item.bodyPart(), config).all();
                    for (int v = 0; v < maps.size(); v++) {
                        add(sums.computeIfAbsent(new Tuple2<>(v, item.bodyPart()), key -> new long[SegClass.COUNT * SegClass.COUNT]),
                                flat(ConfusionMatrix.of(truth, maps.get(v))));
                    }
                }
                batch.clear();
            }
        }
        return sums.entrySet().stream().map(e -> new Tuple2<>(e.getKey(), e.getValue())).iterator();
    }

    private static long[] add(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }

    private static long[] flat(ConfusionMatrix m) {
        long[][] rows = m.toArray();
        long[] out = new long[rows.length * rows.length];
        for (int t = 0; t < rows.length; t++) {
            System.arraycopy(rows[t], 0, out, t * rows.length, rows.length);
        }
        return out;
    }

    private static ConfusionMatrix matrix(long[] flat) {
        int k = (int) Math.round(Math.sqrt(flat.length));
        long[][] rows = new long[k][k];
        for (int t = 0; t < k; t++) {
            System.arraycopy(flat, t * k, rows[t], 0, k);
        }
        return ConfusionMatrix.of(rows);
    }
}
