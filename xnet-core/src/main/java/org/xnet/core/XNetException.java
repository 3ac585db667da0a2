package org.xnet.core;

/**
 * A user-facing failure: a bad or missing input file, an unwritable output, a model file that is
 * not one. The message is one line that names the file and what was wrong; the CLI prints it and
 * exits with code 1, without a stack trace.
 */
public class XNetException extends Exception {
    public XNetException(String message) {
        super(message);
    }

    public XNetException(String message, Throwable cause) {
        super(message, cause);
    }
}
