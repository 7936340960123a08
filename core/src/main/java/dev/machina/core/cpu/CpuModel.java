package dev.machina.core.cpu;

import java.util.List;
import java.util.Objects;

/**
 * One CPU model of a family, as {@code machina list --cpus} shows it.
 *
 * @param name        short lower-case model name used on the command line, e.g. {@code "2a03"}
 * @param description e.g. {@code "Ricoh 2A03 (NES, 6502 without decimal mode)"}
 * @param engines     the execution engines this model offers, fastest last, from
 *                    {@link Engines}: always {@code interpreter} first
 */
public record CpuModel(String name, String description, List<String> engines) {
    public CpuModel {
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
        engines = List.copyOf(engines);
        if (engines.isEmpty() || !engines.getFirst().equals(Engines.INTERPRETER)) {
            throw new IllegalArgumentException("CPU model " + name + ": engines must start with " + Engines.INTERPRETER);
        }
    }
}
