package org.xnet.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.xnet.infer.ManifestEntry;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The prediction manifest as a Spark table: the columns of {@code xnet predict}'s
 * {@code manifest.jsonl} ({@link ManifestEntry}), same names, same meaning, one row per input.
 */
final class ManifestTable {
    static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField("input", DataTypes.StringType, false),
            DataTypes.createStructField("status", DataTypes.StringType, false),
            DataTypes.createStructField("error", DataTypes.StringType, true),
            DataTypes.createStructField("ms", DataTypes.LongType, false),
            DataTypes.createStructField("open_beam", DataTypes.DoubleType, true),
            DataTypes.createStructField("soft_tissue", DataTypes.DoubleType, true),
            DataTypes.createStructField("bone", DataTypes.DoubleType, true),
            DataTypes.createStructField("mean_confidence", DataTypes.DoubleType, true),
            DataTypes.createStructField("flags", DataTypes.createArrayType(DataTypes.StringType, false), false)});

    /** The columns an earlier line lends a skipped input (as {@code --continue} keeps them). */
    private static final List<String> KEPT = List.of("open_beam", "soft_tissue", "bone", "mean_confidence", "flags");

    private ManifestTable() {
    }

    static Row row(ManifestEntry e) {
        return RowFactory.create(e.input(), e.status(), e.error(), e.ms(), e.openBeam(), e.softTissue(), e.bone(),
                e.meanConfidence(), CollectionConverters.asScala(e.flags()).toSeq());
    }

    static ManifestEntry entry(Row r) {
        List<String> flags = new ArrayList<>(CollectionConverters.asJava(r.<scala.collection.Seq<String>>getAs("flags")));
        return new ManifestEntry(r.getAs("input"), r.getAs("status"), r.getAs("error"), r.<Long>getAs("ms"),
                r.getAs("open_beam"), r.getAs("soft_tissue"), r.getAs("bone"), r.getAs("mean_confidence"), flags);
    }

    /**
     * {@code current} with each skipped input's class fractions, confidence and flags taken from its
     * row in {@code earlier} (the manifest of the run that wrote its outputs), where it has one.
     */
    static Dataset<Row> keepEarlier(Dataset<Row> current, Dataset<Row> earlier) {
        Dataset<Row> old = earlier.filter(functions.col("status").notEqual(ManifestEntry.FAILED))
                .select(columns(earlier, "e_"));
        Dataset<Row> joined = current.join(old, current.col("input").equalTo(old.col("e_input")), "left");
        Column skipped = functions.col("status").equalTo(ManifestEntry.SKIPPED_COMPLETE)
                .and(functions.col("open_beam").isNull());
        List<Column> out = new ArrayList<>();
        for (StructField f : SCHEMA.fields()) {
            Column c = functions.col(f.name());
            if (KEPT.contains(f.name())) {
                c = functions.when(skipped, functions.col("e_" + f.name())).otherwise(c);
            }
            out.add(c.as(f.name()));
        }
        return joined.select(out.toArray(Column[]::new));
    }

    private static Column[] columns(Dataset<Row> table, String prefix) {
        List<Column> out = new ArrayList<>();
        out.add(table.col("input").as(prefix + "input"));
        for (String name : KEPT) {
            out.add(table.col(name).as(prefix + name));
        }
        return out.toArray(Column[]::new);
    }
}
