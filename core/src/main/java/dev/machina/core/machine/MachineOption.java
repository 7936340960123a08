package dev.machina.core.machine;

/**
 * A machine-specific command-line option of {@code machina run}, e.g. {@code --sysroot DIR} or
 * {@code --strace} for Linux user mode, or {@code --region pal}.
 *
 * @param name        option name without dashes, lower case
 * @param valueLabel  label of its value in help (e.g. {@code DIR}), or null for a flag
 * @param description one line for {@code machina info}
 */
public record MachineOption(String name, String valueLabel, String description) {
    /** True for an option that takes no value. */
    public boolean isFlag() {
        return valueLabel == null;
    }
}
