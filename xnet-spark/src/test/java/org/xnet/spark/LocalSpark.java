package org.xnet.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark: {@code local[2]}, bound to 127.0.0.1, no UI, few shuffle partitions. One session
 * per test JVM (starting Spark takes seconds), stopped by Spark's own shutdown hook.
 */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {
    }

    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("xnet-spark tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
        }
        return session;
    }
}
