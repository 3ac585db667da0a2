package org.xnet.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.xnet.core.XNetException;
import picocli.CommandLine;

/**
 * Turns a failed command into one line on standard error and an exit code: a user error
 * ({@link XNetException}) exits 1, an {@link IllegalArgumentException} is a usage error (exit 2), and
 * anything unexpected (an engine error, out of memory) exits 1 naming the command and, where known,
 * the file. The stack trace is printed only in debug mode ({@value Main#DEBUG_VARIABLE}).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    private final boolean debug;

    Failures(boolean debug) {
        this.debug = debug;
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
        } else if (failure instanceof IllegalArgumentException) {
            line = failure.getMessage();
            exit = Main.EXIT_USAGE;
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
