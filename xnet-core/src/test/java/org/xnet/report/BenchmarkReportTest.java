package org.xnet.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xnet.eval.ConfusionMatrix;
import org.xnet.eval.Metrics;

class BenchmarkReportTest {
    /** 10 beam, 10 tissue, 10 bone pixels (rows: truth); no tissue predicted after post-processing. */
    private static final Metrics BEFORE = Metrics.of(ConfusionMatrix.of(new long[][] {{9, 1, 0}, {2, 7, 1}, {0, 0, 10}}));
    private static final Metrics AFTER = Metrics.of(ConfusionMatrix.of(new long[][] {{10, 0, 0}, {5, 0, 5}, {0, 0, 10}}));

    private static BenchmarkRow row(String model) {
        return new BenchmarkRow(model, List.of(4, 8, 8, 16), 1234, 5, 3, "epochs", 1.25, BEFORE, AFTER, "clean-up",
                List.of(0.99, Double.NaN, 0.5), 123.4, 5, 9.87, 512, model + "/train/log.csv", model + "/report/index.html");
    }

    @Test
    void markdownTablesHaveOneCellPerColumnAndTheMetricsOfEachVariant() {
        List<BenchmarkRow> rows = List.of(row("xnet"), row("a|b"));
        List<BenchmarkReport.Table> tables = List.of(BenchmarkReport.quality(rows), BenchmarkReport.cost(rows));
        String md = BenchmarkReport.markdown(tables, Map.of("dataset", "d.h5"), "legend", rows);
        assertThat(md).contains("|---|---|---:|")
                .contains("| xnet | none | 86.67 % | 0.857 | 0.778 | 0.952 | 0.750 | 0.636 | 0.909 | 70.00 % | 12.50 % |")
                .contains("| xnet | yes | 66.67 % | 0.800 | 0.000 | 0.800 | 0.667 | 0.000 | 0.667 | 0.00 % | n/a |")
                .contains("| xnet | [4, 8, 8, 16] | 1,234 | 5 (3) | 1.3 | 0.990 | n/a | 0.500 | 123 | 9.9 | 512 |")
                .contains("| a\\|b | none |")
                .contains("- dataset: d.h5");
        assertThat(md.lines().filter(l -> l.startsWith("| xnet |") || l.startsWith("| a\\|b |")).map(l -> columns(l)))
                .hasSize(6).containsOnly(11);
    }

    @Test
    void htmlEscapesEveryCell() {
        List<BenchmarkRow> rows = List.of(row("<x>"));
        String html = BenchmarkReport.html(List.of(BenchmarkReport.quality(rows)), Map.of("a&b", "c"), "l", rows,
                new byte[] {1, 2});
        assertThat(html).contains("<td>&lt;x&gt;</td>", "a&amp;b: c", "data:image/png;base64,AQI=").doesNotContain("<x>");
    }

    /** Cells in a Markdown row, not counting escaped bars. */
    private static int columns(String line) {
        return line.replace("\\|", "").split("\\|", -1).length - 2;
    }
}
