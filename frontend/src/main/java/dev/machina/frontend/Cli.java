package dev.machina.frontend;

import dev.machina.core.plugin.Registry;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Builds and runs the picocli command tree. Every error the user can cause (an unknown name, a
 * bad option, an unreadable file) prints one line {@code machina: ...} on stderr and exits 2.
 */
public final class Cli {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code when a check ran and failed (bad ROM set, failing tests). */
    public static final int FAILED = 1;
    /** Exit code for bad usage or bad input. */
    public static final int USAGE = 2;

    private Cli() {
    }

    /** Thrown by commands for a user error; becomes one line on stderr and exit code 2. */
    public static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserError(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code args} against {@code registry}, writing to {@code out} and {@code err}.
     *
     * @return the exit code
     */
    public static int run(Registry registry, PrintStream out, PrintStream err, String... args) {
        // 'machina run ... -- ARGS': the words after '--' belong to the guest, untouched by picocli
        java.util.List<String> guest = java.util.List.of();
        if (args.length > 0 && args[0].equals("run")) {
            int dd = java.util.Arrays.asList(args).indexOf("--");
            if (dd >= 0) {
                guest = java.util.List.of(args).subList(dd + 1, args.length);
                args = java.util.Arrays.copyOf(args, dd);
            }
        }
        final java.util.List<String> guestArgs = guest;
        PrintWriter o = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter e = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CommandLine cl = new CommandLine(new MachinaCommand(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == RunCommand.class) {
                    return cls.cast(new RunCommand(registry, guestArgs, out));
                }
                try {
                    return cls.getDeclaredConstructor(Registry.class).newInstance(registry);
                } catch (NoSuchMethodException noRegistry) {
                    return CommandLine.defaultFactory().create(cls);
                }
            }
        });
        cl.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
        cl.setOut(o);
        cl.setErr(e);
        cl.setParameterExceptionHandler((ex, a) -> {
            e.println("machina: " + ex.getMessage() + " (see 'machina " + commandPath(ex.getCommandLine()) + "--help')");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserError) {
                e.println("machina: " + ex.getMessage());
                return USAGE;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    private static String commandPath(CommandLine cl) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            sb.insert(0, c.getCommandName() + " ");
        }
        return sb.toString();
    }

    /** The build's version, from the jar's resources. */
    public static String version() {
        try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException ex) {
            return "unknown";
        }
    }
}
