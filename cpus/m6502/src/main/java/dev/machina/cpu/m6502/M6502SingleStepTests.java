package dev.machina.cpu.m6502;

import dev.machina.core.cpu.Engines;
import dev.machina.core.cpu.SingleStepTests;
import dev.machina.core.memory.AddressSpace;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binding to the SingleStepTests 6502 family suites (github.com/SingleStepTests/65x02: the
 * {@code 6502} and {@code wdc65c02} directories; {@code nes6502} for the 2A03). Each test gives
 * {@code initial} and {@code final} states ({@code pc, s, a, x, y, p} and {@code ram} as
 * {@code [address, value]} pairs) and {@code cycles}, the bus log as
 * {@code [address, value, "read"|"write"]}, one entry per clock cycle.
 *
 * <p>The CPU runs on a flat 64 KiB space served by handlers that log every access, so the log
 * compared is exactly what a machine's bus would see. Not thread-safe; one test at a time.
 */
final class M6502SingleStepTests implements SingleStepTests {
    private static final String[] REGISTERS = {"pc", "s", "a", "x", "y", "p"};

    private final byte[] ram = new byte[0x10000];
    private final int[] logAddress = new int[64];
    private final int[] logValue = new int[64];
    private final boolean[] logWrite = new boolean[64];
    private int logged;
    private final M6502 cpu;
    private final boolean directRam;
    private M6502Recompiler recompiler;

    /** With {@code directRam} the memory is plain RAM (fast paths, no cycle log), else a logging handler. */
    M6502SingleStepTests(M6502Family family, Variant variant, boolean directRam) {
        this.directRam = directRam;
        AddressSpace space = new AddressSpace("sst", 16, 8, ByteOrder.LITTLE_ENDIAN);
        if (directRam) {
            space.installRam(0, 0xFFFF, java.lang.foreign.MemorySegment.ofArray(ram));
        } else {
            space.installHandler(0, 0xFFFF, offset -> {
                int v = ram[offset] & 0xFF;
                log(offset, v, false);
                return v;
            }, (offset, value) -> {
                ram[offset] = (byte) value;
                log(offset, value, true);
            });
        }
        cpu = (M6502) family.create(variant.modelName(), "sst", space, null);
    }

    private void log(int address, int value, boolean write) {
        if (logged < logAddress.length) {
            logAddress[logged] = address;
            logValue[logged] = value;
            logWrite[logged] = write;
        }
        logged++;
    }

    /**
     * {@code interpreter}, or {@code recompiler}: each test's instruction is translated at first
     * entry (a one-instruction block, since the bytes after it are not part of the test) and run
     * as translated code, with the bus cycles it performs logged as for the interpreter.
     */
    @Override
    public void useEngine(String engine) {
        switch (engine) {
            case Engines.INTERPRETER -> recompiler = null;
            case Engines.RECOMPILER -> {
                recompiler = cpu.recompiler(0);
                recompiler.setMaxInstructions(1);
                recompiler.setCodeReader(a -> ram[a & 0xFFFF] & 0xFF);
            }
            default -> throw new IllegalArgumentException("the 6502 SingleStepTests binding runs the interpreter or the recompiler, not '"
                    + engine + "'");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Outcome run(String file, Map<String, Object> test, boolean cycles) {
        Map<String, Object> initial = (Map<String, Object>) test.get("initial");
        Map<String, Object> expected = (Map<String, Object>) test.get("final");
        if (initial == null || expected == null) {
            throw new IllegalArgumentException("test has no 'initial' or 'final' state");
        }
        if (cycles && directRam) {
            throw new IllegalArgumentException("bus cycles are not logged on direct RAM");
        }
        List<long[]> initialRam = SingleStepTests.ram(initial);
        for (long[] pair : initialRam) {
            ram[(int) pair[0] & 0xFFFF] = (byte) pair[1];
        }
        M6502State s = cpu.state();
        s.pc = (int) SingleStepTests.number(initial, "pc") & 0xFFFF;
        s.s = (int) SingleStepTests.number(initial, "s") & 0xFF;
        s.a = (int) SingleStepTests.number(initial, "a") & 0xFF;
        s.x = (int) SingleStepTests.number(initial, "x") & 0xFF;
        s.y = (int) SingleStepTests.number(initial, "y") & 0xFF;
        s.setP((int) SingleStepTests.number(initial, "p"));
        cpu.interpreter().cancelReset();
        logged = 0;
        if (recompiler == null) {
            cpu.step();
        } else {
            recompiler.flush();
            int mode = recompiler.mode();
            M6502Block block = recompiler.lookup(s.pc, mode);
            logged = 0;    // translation reads no memory through the space, but be sure
            recompiler.enter(block, mode);
        }

        List<String> diffs = new ArrayList<>();
        for (String reg : REGISTERS) {
            long want = SingleStepTests.number(expected, reg);
            long got = cpu.registers().get(reg);
            if (want != got) {
                diffs.add(String.format(reg.equals("pc") ? "%s: expected $%04X, got $%04X" : "%s: expected $%02X, got $%02X", reg, want, got));
            }
        }
        List<long[]> finalRam = SingleStepTests.ram(expected);
        for (long[] pair : finalRam) {
            int got = ram[(int) pair[0] & 0xFFFF] & 0xFF;
            if (got != pair[1]) {
                diffs.add(String.format("ram[$%04X]: expected $%02X, got $%02X", pair[0], pair[1], got));
            }
        }
        if (cycles) {
            compareCycles(test, diffs);
        }
        // clean the touched bytes for the next test
        for (long[] pair : initialRam) {
            ram[(int) pair[0] & 0xFFFF] = 0;
        }
        for (long[] pair : finalRam) {
            ram[(int) pair[0] & 0xFFFF] = 0;
        }
        for (int k = 0; k < Math.min(logged, logAddress.length); k++) {
            ram[logAddress[k]] = 0;
        }
        return diffs.isEmpty() ? Outcome.PASS : new Outcome(diffs, List.of());
    }

    @SuppressWarnings("unchecked")
    private void compareCycles(Map<String, Object> test, List<String> diffs) {
        Object c = test.get("cycles");
        if (!(c instanceof List<?> list)) {
            diffs.add("test has no 'cycles' list");
            return;
        }
        int n = Math.min(list.size(), Math.min(logged, logAddress.length));
        for (int k = 0; k < n; k++) {
            List<Object> e = (List<Object>) list.get(k);
            int address = ((Number) e.get(0)).intValue();
            int value = ((Number) e.get(1)).intValue();
            boolean write = "write".equals(e.get(2));
            if (address != logAddress[k] || value != logValue[k] || write != logWrite[k]) {
                diffs.add(String.format("cycle %d: expected %s $%04X=$%02X, got %s $%04X=$%02X", k + 1,
                        write ? "write" : "read", address, value, logWrite[k] ? "write" : "read", logAddress[k], logValue[k]));
                return;
            }
        }
        if (list.size() != logged) {
            diffs.add("cycles: expected " + list.size() + ", got " + logged);
        }
    }
}
