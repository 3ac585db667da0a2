package org.xnet.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.xnet.core.InvalidSetting;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * How a command turns the library's refusal of a value the user gave into a usage error (exit 2),
 * and nothing else into one. A config record or request validates its values when it is made, so
 * an {@link IllegalArgumentException} from its constructor is about what the user typed
 * ({@link #build}); a library call that does work refuses a setting by an {@link InvalidSetting},
 * and any other {@link IllegalArgumentException} from it is a bug ({@link #run}: it reaches
 * {@link Failures} as unexpected). An {@link InvalidSetting} whose setting the command names in
 * {@code options} (library name to option) is reported as that option's error: "--dilate -2: ...".
 */
final class Usage {
    private Usage() {
    }

    /** The value {@code make} builds from option values (a constructor or a wither, nothing more). */
    static <T> T build(CommandSpec spec, Supplier<T> make) {
        return build(spec, Map.of(), make);
    }

    /** As {@link #build(CommandSpec, Supplier)}, naming the options of the settings in {@code options}. */
    static <T> T build(CommandSpec spec, Map<String, String> options, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw error(spec, options, e);
        }
    }

    /** The result of a library call whose refusals of a setting ({@link InvalidSetting}) are usage errors. */
    static <T> T run(CommandSpec spec, Callable<T> call) throws Exception {
        return run(spec, Map.of(), call);
    }

    /** As {@link #run(CommandSpec, Callable)}, naming the options of the settings in {@code options}. */
    static <T> T run(CommandSpec spec, Map<String, String> options, Callable<T> call) throws Exception {
        try {
            return call.call();
        } catch (InvalidSetting e) {
            throw error(spec, options, e);
        }
    }

    private static ParameterException error(CommandSpec spec, Map<String, String> options,
                                            IllegalArgumentException refused) {
        if (refused instanceof InvalidSetting s && options.containsKey(s.setting())) {
            String option = options.get(s.setting());
            return new ParameterException(spec.commandLine(), option + " " + s.detail(), refused,
                    spec.findOption(option), null);
        }
        return new UsageError(spec.commandLine(), refused);
    }
}
