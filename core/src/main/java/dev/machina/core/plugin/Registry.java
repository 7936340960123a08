package dev.machina.core.plugin;

import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.machine.MachineDefinition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The installed plug-ins: every {@link CpuFamily} and {@link MachineDefinition} provided by a jar
 * on the class path, found with {@link ServiceLoader}. Names are unique: two providers of the
 * same machine name or CPU model name are a configuration error.
 */
public final class Registry {
    private final List<CpuFamily> families;
    private final List<MachineDefinition> machines;
    private final Map<String, CpuFamily> familyByModel = new HashMap<>();
    private final Map<String, MachineDefinition> machineByName = new HashMap<>();

    private Registry(List<CpuFamily> families, List<MachineDefinition> machines) {
        this.families = families.stream().sorted(Comparator.comparing(CpuFamily::name)).toList();
        this.machines = machines.stream().sorted(Comparator.comparing(MachineDefinition::name)).toList();
        for (CpuFamily f : this.families) {
            for (CpuModel m : f.models()) {
                CpuFamily prev = familyByModel.put(m.name(), f);
                if (prev != null) {
                    throw new IllegalStateException("CPU model '" + m.name() + "' is provided by both "
                            + prev.getClass().getName() + " and " + f.getClass().getName());
                }
            }
        }
        for (MachineDefinition d : this.machines) {
            MachineDefinition prev = machineByName.put(d.name(), d);
            if (prev != null) {
                throw new IllegalStateException("machine '" + d.name() + "' is provided by both "
                        + prev.getClass().getName() + " and " + d.getClass().getName());
            }
        }
    }

    /**
     * Loads every provider visible to {@code loader}.
     *
     * @throws IllegalStateException when a provider cannot be loaded or names collide; the
     *                               message names the provider
     */
    public static Registry load(ClassLoader loader) {
        return new Registry(loadAll(CpuFamily.class, loader), loadAll(MachineDefinition.class, loader));
    }

    /** Loads from the thread's context class loader. */
    public static Registry load() {
        return load(Thread.currentThread().getContextClassLoader());
    }

    /** A registry of exactly these plug-ins (for tests and embedding). */
    public static Registry of(List<CpuFamily> families, List<MachineDefinition> machines) {
        return new Registry(List.copyOf(families), List.copyOf(machines));
    }

    private static <T> List<T> loadAll(Class<T> type, ClassLoader loader) {
        List<T> out = new ArrayList<>();
        try {
            for (T t : ServiceLoader.load(type, loader)) {
                out.add(t);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("broken " + type.getSimpleName() + " plug-in: " + e.getMessage(), e);
        }
        return out;
    }

    /** CPU families, by name. */
    public List<CpuFamily> cpuFamilies() {
        return families;
    }

    /** Machines, by name. */
    public List<MachineDefinition> machines() {
        return machines;
    }

    /** The machine named {@code name}. */
    public Optional<MachineDefinition> machine(String name) {
        return Optional.ofNullable(machineByName.get(name));
    }

    /** The family that provides CPU model {@code model}. */
    public Optional<CpuFamily> familyOf(String model) {
        return Optional.ofNullable(familyByModel.get(model));
    }

    /** The model record named {@code model}. */
    public Optional<CpuModel> cpuModel(String model) {
        return familyOf(model).flatMap(f -> f.models().stream().filter(m -> m.name().equals(model)).findFirst());
    }
}
