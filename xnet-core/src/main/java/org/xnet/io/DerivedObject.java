package org.xnet.io;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.xnet.core.Provenance;

/**
 * What every object this project derives from one source image starts with: the source's patient
 * and study (copied), a new series and instance (UIDs from the identity's UUIDs), the dates and times
 * of writing, and the equipment, which is this software with the model as its device.
 */
final class DerivedObject {

    static final int MODALITY = 0x0008_0060;
    static final int SERIES_NUMBER = 0x0020_0011;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);

    private DerivedObject() {
    }

    /** {@code text} cut to the 64 characters of an LO value (descriptions built from long names). */
    static String fit(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64);
    }

    /**
     * A data set with the Patient, General Study, General Series (modality, series number and
     * description given here), General and Enhanced General Equipment and SOP Common attributes.
     */
    static DicomDataSet start(DicomObject source, String sopClass, String modality, int seriesNumber,
            String seriesDescription, DicomSeg.Algorithm algorithm, DicomSeg.Identity id) {
        String date = DATE.format(id.created());
        String time = TIME.format(id.created());
        DicomDataSet d = new DicomDataSet();
        SourceAttributes.copyPatientAndStudy(source, d);
        return d.text(0x0008_0012, "DA", date).text(0x0008_0013, "TM", time) // Instance Creation Date, Time
                .text(DicomWriter.SOP_CLASS, "UI", sopClass)
                .text(DicomWriter.SOP_INSTANCE, "UI", DicomUids.of(id.instance()))
                .text(0x0008_0021, "DA", date).text(0x0008_0031, "TM", time) // Series Date, Time
                .text(0x0008_0023, "DA", date).text(0x0008_0033, "TM", time) // Content Date, Time
                .text(MODALITY, "CS", modality)
                .text(0x0008_103E, "LO", fit(seriesDescription))
                .text(DicomObject.SERIES_UID, "UI", DicomUids.of(id.series()))
                .text(SERIES_NUMBER, "IS", Integer.toString(seriesNumber))
                .text(DicomObject.INSTANCE_NUMBER, "IS", "1")
                .text(0x0008_0070, "LO", "XNet for Java")                 // Manufacturer
                .text(0x0008_1090, "LO", "xnet-java")                     // Manufacturer's Model Name
                .text(0x0018_1000, "LO", algorithm.modelId())             // Device Serial Number
                .text(0x0018_1020, "LO", Provenance.softwareVersion());   // Software Versions
    }
}
