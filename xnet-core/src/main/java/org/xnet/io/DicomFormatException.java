package org.xnet.io;

/** A DICOM file that cannot be read as this project needs; the reader adds the file name. */
final class DicomFormatException extends Exception {
    DicomFormatException(String message) {
        super(message);
    }

    DicomFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
