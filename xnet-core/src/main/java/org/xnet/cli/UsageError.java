package org.xnet.cli;

import picocli.CommandLine;

/**
 * A usage error a command found after parsing, printed as one line {@code xnet: message} without
 * the usage help (exit 2): a value the library refused, or options that do not go together.
 */
final class UsageError extends CommandLine.ParameterException {
    UsageError(CommandLine command, String message) {
        super(command, message);
    }

    /** The library's refusal of a value the user gave, with its message. */
    UsageError(CommandLine command, IllegalArgumentException refused) {
        super(command, refused.getMessage(), refused);
    }
}
