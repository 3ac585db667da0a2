package org.xnet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.util.Map;
import org.xnet.core.Image2D;
import org.xnet.core.LabelMap;
import org.xnet.core.ProbabilityMap;
import org.xnet.core.Provenance;
import org.xnet.core.Sample;
import org.xnet.eval.EvaluationConfig;
import org.xnet.eval.Evaluator;
import org.xnet.eval.PostProcessed;
import org.xnet.core.SegClass;
import org.xnet.core.XNetException;
import org.xnet.eval.EvaluationResult;
import org.xnet.eval.ResultsText;

class ReportTest {

    @Test
    void everyImageOfIndexHtmlIsAnEmbeddedPngAndEveryFigureIsAlsoAFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("report");
        EvaluationResult result = ReportDemo.write(dir, 3, 32);
        String html = Files.readString(dir.resolve(Report.INDEX));
        List<String> sources = new ArrayList<>();
        Matcher m = Pattern.compile("<img src=\"([^\"]*)\"").matcher(html);
        while (m.find()) {
            sources.add(m.group(1));
        }
        // learning curve, ROC, two confusion matrices, three panels
        assertThat(sources).hasSize(7);
        for (String src : sources) {
            assertThat(src).startsWith("data:image/png;base64,");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                    Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()))));
            assertThat(image).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(100);
        }
        assertThat(dir.resolve("learning-curve.png")).exists();
        assertThat(dir.resolve("roc.png")).exists();
        assertThat(dir.resolve("confusion-prediction.png")).exists();
        assertThat(dir.resolve("panel-0003.png")).exists();
        assertThat(html).contains(ResultsText.pct(result.prediction().accuracy()), "synthetic-0002.tif",
                ResultsText.num(result.roc().get(2).auc()));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void reportOfImagesWithoutBoneOrTissueStillRenders(@TempDir Path tmp) throws Exception {
        int n = 16 * 16;
        float[] p = new float[3 * n];
        for (int i = 0; i < n; i++) {
            p[i] = 0.8f;          // open beam
            p[n + i] = 0.15f;     // soft tissue
            p[2 * n + i] = 0.05f; // bone
        }
        Sample s = new Sample(new Image2D(16, 16), new LabelMap(16, 16), "hand", "blank.tif");
        ProbabilityMap probs = new ProbabilityMap(16, 16, 3, p);
        Evaluator evaluator = new Evaluator(EvaluationConfig.defaults(), n);
        PostProcessed maps = evaluator.add(s, probs);
        EvaluationResult result = evaluator.result(-1, Provenance.now(0, "", Map.of()));
        assertThat(result.roc().get(1).auc()).isNaN();
        Report.write(result, ReportInputs.of(List.of(s), List.of(maps)), tmp);
        String html = Files.readString(tmp.resolve(Report.INDEX));
        assertThat(html).contains("n/a", "blank.tif").doesNotContain("learning-curve");
        assertThat(tmp.resolve("roc.png")).exists();
        assertThat(tmp.resolve("confusion-prediction.png")).exists();
    }

    @Test
    void panelTilesUseTheOriginalColours() {
        LabelMap labels = new LabelMap(3, 1, new byte[] {0, 1, 2});
        BufferedImage tile = Panels.colour(labels);
        for (int x = 0; x < 3; x++) {
            assertThat(tile.getRGB(x, 0) & 0xFFFFFF).isEqualTo(SegClass.of(x).rgb());
        }
    }

    @Test
    void trainingLogReadsColumnsByNameAndRejectsBadRows(@TempDir Path tmp) throws IOException, XNetException {
        Path csv = tmp.resolve("log.csv");
        Files.writeString(csv, "epoch,acc,loss,val_acc,val_loss\n0,0.5,1.2,0.4,1.3\n1,0.7,0.8,0.6,0.9\n");
        TrainingLog log = TrainingLog.read(csv);
        assertThat(log.epochs()).containsExactly(new TrainingLog.Epoch(0, 1.2, 0.5, 1.3, 0.4),
                new TrainingLog.Epoch(1, 0.8, 0.7, 0.9, 0.6));

        Files.writeString(csv, "epoch,loss,acc,val_loss\n0,1,0.5,1\n");
        assertThatThrownBy(() -> TrainingLog.read(csv)).hasMessageContaining("no column 'val_acc'")
                .hasMessageContaining(csv.toString());
        Files.writeString(csv, "epoch,loss,acc,val_loss,val_acc\n0,1,x,1,0.5\n");
        assertThatThrownBy(() -> TrainingLog.read(csv)).hasMessageContaining("line 2: acc is not a number: 'x'");
        Files.writeString(csv, "epoch,loss,acc,val_loss,val_acc\n0,1,0.5\n");
        assertThatThrownBy(() -> TrainingLog.read(csv)).hasMessageContaining("line 2: expected 5 values, got 3");
    }
}
