package org.xnet.io;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a test: times {@link ImageReaders#read} on the shared radiographs and {@link DicomSeries#read}
 * on the shared CT series, median of 5 runs after one warm-up run. Run:
 * {@code java -cp target/classes:target/test-classes:$(deps) org.xnet.io.ReadTiming [DATA]}.
 */
public final class ReadTiming {

    /** One read to time; returns the size string of what it read. */
    private interface Read {
        String run() throws Exception;
    }

    private ReadTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "/work/shared/data");
        for (String name : new String[] {"radiographs/RG3_J2KR.dcm", "radiographs/RG3_J2KR_raw_16bit.tif",
                "radiographs/RG3_J2KR_raw.dcm"}) {
            time(name, () -> ImageReaders.read(data.resolve(name)).sizeString());
        }
        String series = "ct-dicom/totalseg_dicom20";
        time(series + " (series)", () -> DicomSeries.read(data.resolve(series)).sizeString());
    }

    private static void time(String name, Read read) throws Exception {
        String size = read.run();
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            read.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-36s %s  median %.1f ms  (runs %s)%n", name, size, ms[2], Arrays.toString(ms));
    }
}
