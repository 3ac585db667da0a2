package org.xnet.io;

import java.util.List;

/**
 * The attributes a derived object (here a Segmentation) copies from its source image so that it
 * files under the same patient and study (PS3.3 C.7.1.1 Patient, C.7.2.1 General Study, C.7.2.2
 * Patient Study, C.7.4.1 Frame of Reference), keeps the body part examined, and describes its pixels
 * in the source's patient orientation. Laterality (General Series, 2C) is copied on request: dciodvfy
 * requires it in a Secondary Capture of a paired body part (RG3, a right lower leg) and refuses it in
 * a Segmentation of the same image ("present when condition unsatisfied").
 * Values are copied byte for byte with the VR of the data dictionary, with the source's Specific
 * Character Set; a type 2 attribute missing from the source is written empty.
 */
final class SourceAttributes {

    static final int SPECIFIC_CHARACTER_SET = 0x0008_0005;
    static final int STUDY_UID = 0x0020_000D;
    static final int FRAME_OF_REFERENCE_UID = 0x0020_0052;
    static final int POSITION_REFERENCE_INDICATOR = 0x0020_1040;
    static final int PATIENT_ORIENTATION = 0x0020_0020;
    static final int LATERALITY = 0x0020_0060;

    /** One copied attribute: its tag, its VR and whether it is type 2 (written empty when absent). */
    private record Copied(int tag, String vr, boolean type2) {
    }

    private static final List<Copied> PATIENT_AND_STUDY = List.of(
            new Copied(SPECIFIC_CHARACTER_SET, "CS", false),
            new Copied(0x0008_0020, "DA", true),  // Study Date
            new Copied(0x0008_0030, "TM", true),  // Study Time
            new Copied(0x0008_0050, "SH", true),  // Accession Number
            new Copied(0x0008_0090, "PN", true),  // Referring Physician's Name
            new Copied(0x0008_1030, "LO", false), // Study Description
            new Copied(0x0010_0010, "PN", true),  // Patient's Name
            new Copied(0x0010_0020, "LO", true),  // Patient ID
            new Copied(0x0010_0021, "LO", false), // Issuer of Patient ID
            new Copied(0x0010_0030, "DA", true),  // Patient's Birth Date
            new Copied(0x0010_0040, "CS", true),  // Patient's Sex
            new Copied(0x0010_1010, "AS", false), // Patient's Age
            new Copied(0x0010_1020, "DS", false), // Patient's Size
            new Copied(0x0010_1030, "DS", false), // Patient's Weight
            new Copied(0x0018_0015, "CS", false), // Body Part Examined
            new Copied(STUDY_UID, "UI", false),
            new Copied(0x0020_0010, "SH", true)); // Study ID

    private SourceAttributes() {
    }

    /** Copies the patient, study and series-level attributes of {@code source} into {@code target}. */
    static void copyPatientAndStudy(DicomObject source, DicomDataSet target) {
        copy(source, target, PATIENT_AND_STUDY);
    }

    /**
     * Copies the Frame of Reference module when the source has one; a projection radiograph
     * (CR, most DX) has none, and then the derived object has none either (PS3.3 A.51.1: the module
     * is required only when the source images have a frame of reference).
     */
    static boolean copyFrameOfReference(DicomObject source, DicomDataSet target) {
        if (!source.has(FRAME_OF_REFERENCE_UID)) {
            return false;
        }
        copy(source, target, List.of(new Copied(FRAME_OF_REFERENCE_UID, "UI", false),
                new Copied(POSITION_REFERENCE_INDICATOR, "LO", true)));
        return true;
    }

    /**
     * Copies Patient Orientation (General Image, type 2C: required when the frames are not placed by
     * Image Position and Orientation (Patient), as a radiograph's are not); empty when the source has none.
     */
    static void copyPatientOrientation(DicomObject source, DicomDataSet target) {
        copy(source, target, List.of(new Copied(PATIENT_ORIENTATION, "CS", true)));
    }

    /** Copies Laterality (General Series) when the source has it; see the class comment for when. */
    static void copyLaterality(DicomObject source, DicomDataSet target) {
        copy(source, target, List.of(new Copied(LATERALITY, "CS", false)));
    }

    private static void copy(DicomObject source, DicomDataSet target, List<Copied> attributes) {
        for (Copied c : attributes) {
            byte[] value = source.rawValue(c.tag());
            if (value != null) {
                target.raw(c.tag(), c.vr(), value);
            } else if (c.type2()) {
                target.raw(c.tag(), c.vr(), new byte[0]);
            }
        }
    }
}
