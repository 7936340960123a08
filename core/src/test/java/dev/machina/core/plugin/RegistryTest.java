package dev.machina.core.plugin;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.CpuModel;
import dev.machina.core.machine.Machine;
import dev.machina.core.machine.MachineConfig;
import dev.machina.core.machine.MachineDefinition;
import dev.machina.core.memory.AddressSpace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegistryTest {

    /** Registered in META-INF/services of the test class path. */
    public static final class TestFamily implements CpuFamily {
        @Override
        public String name() {
            return "testisa";
        }

        @Override
        public String description() {
            return "test ISA";
        }

        @Override
        public List<CpuModel> models() {
            return List.of(new CpuModel("t1", "test model 1", List.of("interpreter")),
                    new CpuModel("t2", "test model 2", List.of("interpreter", "recompiler")));
        }

        @Override
        public Cpu create(String model, String tag, AddressSpace program, AddressSpace io) {
            throw new UnsupportedOperationException("test family creates no CPUs");
        }
    }

    /** Registered in META-INF/services of the test class path. */
    public static final class TestMachine implements MachineDefinition {
        @Override
        public String name() {
            return "testbox";
        }

        @Override
        public String description() {
            return "Test box";
        }

        @Override
        public String year() {
            return "1984";
        }

        @Override
        public String manufacturer() {
            return "Machina";
        }

        @Override
        public List<String> cpus() {
            return List.of("t1");
        }

        @Override
        public Status status() {
            return Status.NOT_WORKING;
        }

        @Override
        public Machine build(MachineConfig config) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void serviceLoaderFindsProvidersOnTheClassPath() {
        Registry r = Registry.load(RegistryTest.class.getClassLoader());
        assertEquals(List.of("testisa"), r.cpuFamilies().stream().map(CpuFamily::name).toList());
        assertEquals(List.of("testbox"), r.machines().stream().map(MachineDefinition::name).toList());
        assertEquals("testisa", r.familyOf("t2").orElseThrow().name());
        assertEquals(List.of("interpreter", "recompiler"), r.cpuModel("t2").orElseThrow().engines());
        assertTrue(r.machine("nope").isEmpty());
    }

    @Test
    void duplicateNamesAreAConfigurationError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Registry.of(List.of(new TestFamily(), new TestFamily()), List.of()));
        assertTrue(e.getMessage().startsWith("CPU model 't1' is provided by both"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Registry.of(List.of(), List.of(new TestMachine(), new TestMachine())));
    }

    @Test
    void modelsMustOfferTheInterpreterFirst() {
        assertThrows(IllegalArgumentException.class, () -> new CpuModel("x", "x", List.of("recompiler")));
    }
}
