package dev.machina.frontend;

import dev.machina.core.plugin.Registry;

/** Entry point of the {@code machina} command. */
public final class Main {
    private Main() {
    }

    /** Runs the CLI and exits with its code (0 success, 1 a check failed, 2 bad usage or input). */
    public static void main(String[] args) {
        Registry registry;
        try {
            registry = Registry.load();
        } catch (IllegalStateException e) {
            System.err.println("machina: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(Cli.run(registry, System.out, System.err, args));
    }
}
