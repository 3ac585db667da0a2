package org.xnet.io;

import java.nio.file.Path;
import java.util.Arrays;
import org.xnet.core.Image2D;
import org.xnet.core.Volume;

/**
 * Not a test: times {@link ImageReaders#read} on the shared radiographs and
 * {@link DicomSeries#read} on the shared CT series, median of 5 reads after one
 * warm-up read. Run: {@code java -cp target/classes:target/test-classes:$(deps) org.xnet.io.ReadTiming [DATA]}.
 */
public final class ReadTiming {

    private ReadTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "/work/shared/data");
        for (String name : new String[] {"radiographs/RG3_J2KR.dcm", "radiographs/RG3_J2KR_raw_16bit.tif",
                "radiographs/RG3_J2KR_raw.dcm"}) {
            Path file = data.resolve(name);
            Image2D warm = ImageReaders.read(file);
            double[] ms = new double[5];
            for (int i = 0; i < ms.length; i++) {
                long start = System.nanoTime();
                ImageReaders.read(file);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf("%-36s %s  median %.1f ms  (runs %s)%n", name, warm.sizeString(), ms[2], Arrays.toString(ms));
        }
        Path series = data.resolve("ct-dicom/totalseg_dicom20");
        Volume warm = DicomSeries.read(series);
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            DicomSeries.read(series);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-36s %s  median %.1f ms  (runs %s)%n", "ct-dicom/totalseg_dicom20 (series)",
                warm.sizeString(), ms[2], Arrays.toString(ms));
    }
}
