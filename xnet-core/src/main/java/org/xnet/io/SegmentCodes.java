package org.xnet.io;

import org.xnet.core.SegClass;

/**
 * How each XNet class is described in a DICOM Segmentation: segment label, and the coded Segmented
 * Property Category and Type (PS3.3 C.8.20.2), chosen from the context groups of PS3.16 as tabulated
 * in pydicom 2.3.1's {@code pydicom/sr/_cid_dict.py} (the only copy of the tables on this machine; no
 * web access while this was written):
 * <ul>
 * <li>bone: category (SCT 85756007, "Tissue") of CID 7150 "Segmentation Property Categories"; type
 *     (SCT 272673000, "Bone") of CID 7166 "Common Tissue Segmentation Types" and CID 7191.</li>
 * <li>soft tissue: category (SCT 85756007, "Tissue"); type (DCM 112144, "Soft tissue"), the DICOM
 *     code with that meaning (CID 6122/6211). CID 7166 has no "soft tissue" entry in that table;
 *     SNOMED's 87784001 "Soft tissues" is the likely alternative but could not be checked here.</li>
 * <li>open beam: category (SCT 309825002, "Spatial and Relational Concept") of CID 7150; type
 *     (DCM 125040, "Background") of CID 7196 "Spatial and Relational Concept Segmentation Property
 *     Types": open beam is the part of the detector the X-rays reach without crossing the patient,
 *     the background of the radiograph, not a tissue.</li>
 * </ul>
 * CID 7151 (property types) is extensible, so the DCM soft-tissue code is allowed there.
 */
final class SegmentCodes {

    /** A coded concept: (Code Value, Coding Scheme Designator, Code Meaning). */
    record Code(String value, String scheme, String meaning) {
        DicomDataSet item() {
            return new DicomDataSet().text(CODE_VALUE, "SH", value).text(CODING_SCHEME, "SH", scheme)
                    .text(CODE_MEANING, "LO", meaning);
        }
    }

    /** What a segment says about one class. */
    record Segment(String label, Code category, Code type) {
    }

    static final int CODE_VALUE = 0x0008_0100;
    static final int CODING_SCHEME = 0x0008_0102;
    static final int CODE_MEANING = 0x0008_0104;

    static final Code TISSUE = new Code("85756007", "SCT", "Tissue");
    static final Code SPATIAL = new Code("309825002", "SCT", "Spatial and Relational Concept");
    static final Code BONE = new Code("272673000", "SCT", "Bone");
    static final Code SOFT_TISSUE = new Code("112144", "DCM", "Soft tissue");
    static final Code BACKGROUND = new Code("125040", "DCM", "Background");

    /** Derivation of a segmentation (CID 7203) and the purpose of referencing its source (CID 7202). */
    static final Code SEGMENTATION = new Code("113076", "DCM", "Segmentation");
    static final Code SOURCE_IMAGE = new Code("121322", "DCM", "Source image for image processing operation");
    /** Algorithm family (CID 7162 "Surface Processing Algorithm Families"). */
    static final Code ARTIFICIAL_INTELLIGENCE = new Code("123110", "DCM", "Artificial Intelligence");

    private SegmentCodes() {
    }

    /** The description of class {@code c}'s segment. */
    static Segment of(SegClass c) {
        return switch (c) {
            case OPEN_BEAM -> new Segment("Open beam", SPATIAL, BACKGROUND);
            case SOFT_TISSUE -> new Segment("Soft tissue", TISSUE, SOFT_TISSUE);
            case BONE -> new Segment("Bone", TISSUE, BONE);
        };
    }
}
