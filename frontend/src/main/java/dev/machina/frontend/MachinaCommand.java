package dev.machina.frontend;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** {@code machina}: the top-level command. */
@Command(name = "machina",
        mixinStandardHelpOptions = true,
        versionProvider = MachinaCommand.Version.class,
        description = "Machina: a cross-architecture, multi-system emulator for the JVM.",
        subcommands = {ListCommand.class, InfoCommand.class, VerifyCommand.class, RunCommand.class, ValidateCommand.class, BenchCommand.class, InputCommand.class})
public final class MachinaCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Prints {@code machina VERSION} and the Java runtime. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"machina " + Cli.version(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
