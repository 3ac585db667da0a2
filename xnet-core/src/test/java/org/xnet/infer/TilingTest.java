package org.xnet.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.xnet.core.Image2D;
import org.xnet.core.ProbabilityMap;

class TilingTest {

    @Property(seed = "20261126")
    void tilesCoverEveryPixelWithTheRequestedOverlap(@ForAll @IntRange(min = 1, max = 900) int length,
                                                     @ForAll @IntRange(min = 1, max = 300) int tileWanted,
                                                     @ForAll @DoubleRange(min = 0, max = 0.9) double overlap) {
        int tile = Math.min(tileWanted, length);
        int[] starts = Tiling.starts(length, tile, overlap);
        assertThat(starts[0]).isZero();
        assertThat(starts[starts.length - 1] + tile).isEqualTo(length);
        for (int i = 1; i < starts.length; i++) {
            int step = starts[i] - starts[i - 1];
            assertThat(step).isPositive();
            assertThat(tile - step).as("overlap of tiles %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo((int) Math.floor(tile * overlap) - 1);
        }
    }

    @Test
    void hannWindowIsPositiveSymmetricAndPeaksInTheMiddle() {
        float[] w = Tiling.hann(200);
        for (int i = 0; i < w.length; i++) {
            assertThat(w[i]).isPositive().isLessThanOrEqualTo(1f);
            assertThat(w[i]).isEqualTo(w[w.length - 1 - i]);
        }
        assertThat(w[99]).isGreaterThan(0.9999f);
        assertThat(w[0]).isLessThan(1e-3f);
    }

    @Property(tries = 50, seed = "20261127")
    void blendingTilesCutFromOneMapGivesThatMapBack(@ForAll @IntRange(min = 1, max = 70) int width,
                                                    @ForAll @IntRange(min = 1, max = 70) int height,
                                                    @ForAll @IntRange(min = 1, max = 30) int tile,
                                                    @ForAll @DoubleRange(min = 0, max = 0.8) double overlap) {
        int tw = Math.min(tile, width);
        int th = Math.min(tile, height);
        TileBlender blender = new TileBlender(width, height, tw, th, overlap, 2);
        Image2D a = TinyModels.random(width, height, width * 31L + height);
        Image2D b = TinyModels.random(width, height, tile);
        float[][] tiles = new float[blender.tileCount()][];
        var as = blender.cut(a);
        var bs = blender.cut(b);
        for (int t = 0; t < tiles.length; t++) {
            tiles[t] = new float[2 * tw * th];
            System.arraycopy(as.get(t), 0, tiles[t], 0, tw * th);
            System.arraycopy(bs.get(t), 0, tiles[t], tw * th, tw * th);
        }
        ProbabilityMap blended = blender.blend(tiles);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertThat(blended.get(0, x, y)).isCloseTo(a.get(x, y), org.assertj.core.api.Assertions.within(1e-3f));
                assertThat(blended.get(1, x, y)).isCloseTo(b.get(x, y), org.assertj.core.api.Assertions.within(1e-3f));
            }
        }
    }

    @Test
    void optionsRoundTripThroughJsonAndRejectBadValues() throws Exception {
        ObjectMapper json = new ObjectMapper();
        SegmenterOptions o = SegmenterOptions.tiled().withTileScale(2.5).withTileOverlap(0.25).withTta(true)
                .withBatchSize(3);
        assertThat(json.readValue(json.writeValueAsString(o), SegmenterOptions.class)).isEqualTo(o);
        assertThatThrownBy(() -> SegmenterOptions.resize().withTileScale(0)).hasMessageContaining("tileScale");
        assertThatThrownBy(() -> SegmenterOptions.resize().withTileOverlap(1)).hasMessageContaining("tileOverlap");
        assertThatThrownBy(() -> SegmenterOptions.resize().withBatchSize(0)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> Tiling.starts(10, 11, 0.5)).hasMessageContaining("tile length 11");
    }
}
