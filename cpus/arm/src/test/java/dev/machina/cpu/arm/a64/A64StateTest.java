package dev.machina.cpu.arm.a64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import dev.machina.cpu.arm.ArmFamily;
import org.junit.jupiter.api.Test;

class A64StateTest {
    @Test
    void registerViewAndSaveStateRoundTrip() throws Exception {
        A64Cpu a = (A64Cpu) new ArmFamily().create("aarch64", "maincpu", null, null);
        a.registers().set("x5", 0x1234_5678_9abc_def0L);
        a.registers().set("sp", 0x7fff_0000L);
        a.registers().set("pc", 0x400000L);
        a.registers().set("nzcv", 0x6000_0000L);
        a.registers().set("d3", Double.doubleToRawLongBits(2.5));
        a.registers().set("v3h", 42);
        a.registers().set("tpidr_el0", 0xabcdL);
        assertEquals(0x1234_5678_9abc_def0L, a.x[5]);
        assertEquals(true, a.z);
        assertEquals(true, a.c);
        StateWriter w = new StateWriter();
        a.saveState(w);
        A64Cpu b = new A64Cpu("maincpu", new PagedMemory(), null);
        b.loadState(new StateReader("maincpu", w.toByteArray()));
        for (String r : a.registers().names()) {
            assertEquals(a.registers().get(r), b.registers().get(r), r);
        }
        assertEquals(64, b.registers().width("x0"));
        assertThrows(IllegalArgumentException.class, () -> b.registers().get("r0"));
        assertThrows(IllegalArgumentException.class, () -> new ArmFamily().create("arm7tdmi", "t", null, null));
    }
}
