package org.xnet.fiji;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;

/** Runs {@link XNetCommand} as Fiji does: a SciJava module with its pre- and postprocessors. */
final class CommandRuns {
    private CommandRuns() {
    }

    /** A context with the services the command needs. */
    static Context context() {
        return new Context(CommandService.class, ModuleService.class);
    }

    /** Runs the command on {@code inputs}; {@code stop}, when not null, replaces its Esc check. */
    static XNetCommand run(Context context, Map<String, Object> inputs, BooleanSupplier stop) throws Exception {
        CommandInfo info = context.service(CommandService.class).getCommand(XNetCommand.class);
        CommandModule module = (CommandModule) context.service(ModuleService.class).createModule(info);
        XNetCommand command = (XNetCommand) module.getDelegateObject();
        if (stop != null) {
            command.stopRequested = stop;
        }
        context.service(ModuleService.class).run(module, true, inputs).get();
        return command;
    }
}
