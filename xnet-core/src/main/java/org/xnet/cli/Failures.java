package org.xnet.cli;

import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.xnet.core.XNetException;
import picocli.CommandLine;

/**
 * Turns a failed command into standard error output and an exit code, by one rule:
 * <ul>
 * <li>a usage error is a picocli {@link CommandLine.ParameterException}: from parsing, or made by a
 * command on purpose (a value the library refused, see {@link Usage}; options that do not go
 * together). Exit 2; picocli prints the message and the usage help, a {@link UsageError} is one line;
 * <li>bad input the user can fix (a missing or bad file, an unwritable output) is an
 * {@link XNetException} anywhere in the chain: exit 1, its message on one line;
 * <li>anything else is unexpected, an {@link IllegalArgumentException} from inside the library
 * included (that is a bug, not the user's mistake): exit 1, one line naming the command and, where
 * known, the file; the stack trace only in debug mode ({@value Main#DEBUG_VARIABLE}).
 * </ul>
 */
final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    private final boolean debug;
    private final CommandLine.IParameterExceptionHandler picocli;

    /** {@code picocli} handles the parameter exceptions other than {@link UsageError}. */
    Failures(boolean debug, CommandLine.IParameterExceptionHandler picocli) {
        this.debug = debug;
        this.picocli = picocli;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) throws Exception {
        if (!(e instanceof UsageError)) {
            return picocli.handleParseException(e, args);
        }
        PrintWriter err = e.getCommandLine().getErr();
        err.println("xnet: " + firstLine(e.getMessage()));
        err.flush();
        return Main.EXIT_USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        Throwable failure = e;
        while (failure instanceof CommandLine.ExecutionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        XNetException userError = find(failure, XNetException.class);
        String line;
        int exit;
        if (userError != null) {
            line = userError.getMessage();
            exit = Main.EXIT_BAD_INPUT;
        } else {
            line = commandName(parsed) + describe(failure)
                    + (debug ? "" : " (set " + Main.DEBUG_VARIABLE + "=1 for the stack trace)");
            exit = Main.EXIT_BAD_INPUT;
        }
        cl.getErr().println("xnet: " + firstLine(line));
        if (debug) {
            failure.printStackTrace(cl.getErr());
        }
        cl.getErr().flush();
        return exit;
    }

    /** One line saying what went wrong, naming the file when a file-system error is in the chain. */
    static String describe(Throwable failure) {
        FileSystemException fileError = find(failure, FileSystemException.class);
        if (fileError != null && fileError.getFile() != null) {
            String problem = fileError instanceof NoSuchFileException ? "no such file"
                    : fileError instanceof AccessDeniedException ? "permission denied"
                    : fileError.getReason() != null ? fileError.getReason() : fileError.getClass().getSimpleName();
            return fileError.getFile() + ": " + problem;
        }
        String message = firstLine(failure.getMessage());
        if (failure instanceof OutOfMemoryError) {
            return "out of memory" + (message.isEmpty() ? "" : " (" + message + ")");
        }
        return "unexpected " + failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    /** "model summary: " for {@code xnet model summary}, empty for {@code xnet} itself. */
    private static String commandName(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.subcommand() != null) {
            last = last.subcommand();
        }
        String name = last.commandSpec().qualifiedName(" ");
        int space = name.indexOf(' ');
        return space < 0 ? "" : name.substring(space + 1) + ": ";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElse("");
    }
}
