package dev.machina.core.cpu;

import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How {@code auto} and engine names resolve against a model's engine list. */
class CpuEngineTest {
    /** A Cpu whose only real method is model(); default methods run as written. */
    static Cpu cpuWith(String... engines) {
        CpuModel model = new CpuModel("toy", "toy CPU", List.of(engines));
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getName().equals("model")) {
                return model;
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, args);
            }
            throw new UnsupportedOperationException(method.getName());
        };
        return (Cpu) Proxy.newProxyInstance(Cpu.class.getClassLoader(), new Class<?>[]{Cpu.class}, h);
    }

    @Test
    void autoPicksTheFastestEngineButNeverLockstep() {
        assertEquals("interpreter", cpuWith("interpreter").resolveEngine("auto"));
        assertEquals("recompiler", cpuWith("interpreter", "recompiler").resolveEngine("auto"));
        assertEquals("recompiler", cpuWith("interpreter", "recompiler", "lockstep").resolveEngine("auto"));
        assertEquals("kvm", cpuWith("interpreter", "recompiler", "kvm").resolveEngine("auto"));
    }

    @Test
    void namedEnginesMustBeOffered() {
        Cpu cpu = cpuWith("interpreter", "recompiler");
        assertEquals("recompiler", cpu.resolveEngine("recompiler"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cpu.setEngine("lockstep"));
        assertEquals("toy has no engine 'lockstep' (has [interpreter, recompiler])", e.getMessage());
    }
}
