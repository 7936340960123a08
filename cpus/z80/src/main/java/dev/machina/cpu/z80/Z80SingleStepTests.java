package dev.machina.cpu.z80;

import dev.machina.core.cpu.Engines;
import dev.machina.core.cpu.SingleStepTests;
import dev.machina.core.memory.AddressSpace;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binding to the SingleStepTests {@code z80} suite (github.com/SingleStepTests/z80): each test
 * gives an {@code initial} state (registers, {@code wz}, {@code iff1}/{@code iff2}, {@code im},
 * {@code ei}, {@code p}, {@code q}, RAM as [address, value] pairs), the {@code ports} the
 * instruction reads ([port, value, "r"]) or writes ("w"), the {@code final} state and the
 * {@code cycles} list (one entry per T-state: [address, data or null, "rwmi" pins]).
 *
 * <p>Bus comparison: the cycle list's length must equal the T-states used, and its accesses must
 * match ours in order and T-state: a T-state whose pins show {@code r} is a read of the address
 * on the bus, with the data taken from the next T-state's entry (where the suite records the
 * latched value); {@code w} is a write of the entry's data; {@code m} or {@code i} tells memory
 * from I/O. Our accesses are recorded by handlers on the test's address spaces: memory accesses
 * appear at T-state 2 of their M-cycle, I/O accesses at T-state 3 (after the automatic wait state).
 */
public final class Z80SingleStepTests implements SingleStepTests {
    private static final String[] REGS8 = {"a", "b", "c", "d", "e", "f", "h", "l", "i", "r"};
    private static final String[] REGS16 = {"pc", "sp", "ix", "iy", "wz"};
    private static final String[][] ALT = {{"af_", "af'"}, {"bc_", "bc'"}, {"de_", "de'"}, {"hl_", "hl'"}};

    private final byte[] ram = new byte[65536];
    private final List<int[]> touched = new ArrayList<>();
    private final AddressSpace mem = new AddressSpace("sst memory", 16, 8, ByteOrder.LITTLE_ENDIAN);
    private final AddressSpace io = new AddressSpace("sst io", 16, 8, ByteOrder.LITTLE_ENDIAN);
    private final Z80Cpu cpu = new Z80Cpu(Z80Family.Z80, "sst", mem, io, Z80Family.DEFAULT_CLOCK);
    /** Recorded accesses: {T-state, kind ('r' memory read, 'w' write, 'i' I/O read, 'o' I/O write), address, data}. */
    private final List<int[]> accesses = new ArrayList<>();
    private List<Object> portReads = List.of();
    private int portIndex;
    private boolean directRam;

    /** A binding with its own Z80, 64 KiB test memory and I/O space (reused across tests). */
    public Z80SingleStepTests() {
        this(false);
    }

    /**
     * With {@code directRam} the memory is plain heap RAM, so the interpreter takes its array
     * fast paths (code page cache); memory accesses are then not logged, so with bus cycles on
     * only the T-state count (the length of the {@code cycles} list) is compared besides
     * registers, RAM and port writes.
     */
    Z80SingleStepTests(boolean directRam) {
        this.directRam = directRam;
        if (directRam) {
            mem.installRam(0, 0xFFFF, java.lang.foreign.MemorySegment.ofArray(ram));
        } else {
            installLoggingMemory();
        }
        io.installHandler(0, 0xFFFF, offset -> {
            int v = nextPortRead(offset);
            accesses.add(new int[]{(int) cpu.cyclesInCurrentRun() + 2, 'i', offset, v});
            return v;
        }, (offset, value) -> accesses.add(new int[]{(int) cpu.cyclesInCurrentRun() + 2, 'o', offset, value}));
    }

    private void installLoggingMemory() {
        mem.installHandler(0, 0xFFFF, offset -> {
            int v = ram[offset] & 0xFF;
            accesses.add(new int[]{(int) cpu.cyclesInCurrentRun() + 1, 'r', offset, v});
            return v;
        }, (offset, value) -> {
            ram[offset] = (byte) value;
            accesses.add(new int[]{(int) cpu.cyclesInCurrentRun() + 1, 'w', offset, value});
        });
    }

    @SuppressWarnings("unchecked")
    private int nextPortRead(int port) {
        while (portIndex < portReads.size()) {
            List<Object> e = (List<Object>) portReads.get(portIndex++);
            if ("r".equals(e.get(2))) {
                return ((Number) e.get(1)).intValue();
            }
        }
        return 0xFF;
    }

    /**
     * {@code interpreter} (default), {@code recompiler} or {@code lockstep}: the latter two run
     * each test as a one-instruction block translated at first entry (lockstep also runs it on
     * the interpreter and compares). Blocks are translated from heap RAM only, so these engines
     * switch the binding to direct RAM: registers, RAM, the T-state count (the length of the
     * {@code cycles} list) and the I/O accesses are compared, the timing of memory accesses
     * inside the instruction is not (a block counts T-states per block).
     */
    @Override
    public void useEngine(String engine) {
        String e = cpu.resolveEngine(engine);
        if (e.equals(Engines.INTERPRETER)) {
            return;
        }
        if (!directRam) {
            mem.installRam(0, 0xFFFF, java.lang.foreign.MemorySegment.ofArray(ram));
            directRam = true;
        }
        cpu.useSingleInstructionRecompiler();
        cpu.recompiler().setLockstep(e.equals(Engines.LOCKSTEP));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Outcome run(String file, Map<String, Object> test, boolean cycles) {
        Map<String, Object> initial = (Map<String, Object>) test.get("initial");
        Map<String, Object> expected = (Map<String, Object>) test.get("final");
        for (int[] t : touched) {
            ram[t[0]] = 0;
        }
        touched.clear();
        var regs = cpu.registers();
        cpu.reset();
        for (String n : REGS8) {
            regs.set(n, SingleStepTests.number(initial, n));
        }
        for (String n : REGS16) {
            regs.set(n, SingleStepTests.number(initial, n));
        }
        for (String[] alt : ALT) {
            regs.set(alt[1], SingleStepTests.number(initial, alt[0]));
        }
        for (String n : new String[]{"iff1", "iff2", "im", "ei", "p", "q"}) {
            regs.set(n, SingleStepTests.number(initial, n));
        }
        for (long[] pair : SingleStepTests.ram(initial)) {
            ram[(int) pair[0]] = (byte) pair[1];
            touched.add(new int[]{(int) pair[0]});
        }
        Object ports = test.get("ports");
        portReads = ports instanceof List<?> l ? (List<Object>) l : List.of();
        portIndex = 0;
        accesses.clear();

        long used = cpu.step();

        for (int[] a : accesses) {
            if (a[1] == 'w') {
                touched.add(new int[]{a[2]});
            }
        }
        for (long[] pair : SingleStepTests.ram(expected)) {
            touched.add(new int[]{(int) pair[0]});
        }
        List<String> diffs = new ArrayList<>();
        for (String n : REGS8) {
            compare(diffs, n, SingleStepTests.number(expected, n), regs.get(n), 2);
        }
        for (String n : REGS16) {
            compare(diffs, n, SingleStepTests.number(expected, n), regs.get(n), 4);
        }
        for (String[] alt : ALT) {
            compare(diffs, alt[1], SingleStepTests.number(expected, alt[0]), regs.get(alt[1]), 4);
        }
        for (String n : new String[]{"iff1", "iff2", "im", "ei", "p", "q"}) {
            if (expected.containsKey(n)) {
                compare(diffs, n, SingleStepTests.number(expected, n), regs.get(n), 2);
            }
        }
        for (long[] pair : SingleStepTests.ram(expected)) {
            int got = ram[(int) pair[0]] & 0xFF;
            if (got != pair[1]) {
                diffs.add(String.format("ram[$%04X]: expected $%02X, got $%02X", pair[0], pair[1], got));
            }
        }
        if (cycles && !directRam) {
            compareCycles(diffs, (List<Object>) test.get("cycles"), used);
        } else {
            if (cycles) {
                List<Object> list = (List<Object>) test.get("cycles");
                if (list != null && list.size() != used) {
                    diffs.add("T-states: expected " + list.size() + ", got " + used);
                }
            }
            comparePortWrites(diffs, portReads);
        }
        return diffs.isEmpty() ? Outcome.PASS : new Outcome(diffs, List.of());
    }

    private static void compare(List<String> diffs, String name, long expected, long got, int digits) {
        if (expected != got) {
            diffs.add(String.format("%s: expected $%0" + digits + "X, got $%0" + digits + "X", name, expected, got));
        }
    }

    @SuppressWarnings("unchecked")
    private void compareCycles(List<String> diffs, List<Object> list, long used) {
        if (list == null) {
            diffs.add("test has no 'cycles' list");
            return;
        }
        if (list.size() != used) {
            diffs.add("T-states: expected " + list.size() + ", got " + used);
        }
        List<int[]> want = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) {
            List<Object> e = (List<Object>) list.get(k);
            String pins = (String) e.get(2);
            int address = ((Number) e.get(0)).intValue();
            boolean io = pins.charAt(3) == 'i';
            if (pins.charAt(0) == 'r') {
                Object data = k + 1 < list.size() ? ((List<Object>) list.get(k + 1)).get(1) : null;
                want.add(new int[]{k, io ? 'i' : 'r', address, data == null ? -1 : ((Number) data).intValue()});
            } else if (pins.charAt(1) == 'w') {
                Object data = e.get(1);
                want.add(new int[]{k, io ? 'o' : 'w', address, data == null ? -1 : ((Number) data).intValue()});
            }
        }
        int n = Math.max(want.size(), accesses.size());
        for (int k = 0; k < n; k++) {
            int[] w = k < want.size() ? want.get(k) : null;
            int[] g = k < accesses.size() ? accesses.get(k) : null;
            if (w == null || g == null || w[0] != g[0] || w[1] != g[1] || w[2] != g[2] || (w[3] >= 0 && w[3] != g[3])) {
                diffs.add("bus access " + k + ": expected " + describe(w) + ", got " + describe(g));
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void comparePortWrites(List<String> diffs, List<Object> ports) {
        List<int[]> writes = accesses.stream().filter(a -> a[1] == 'o').toList();
        int k = 0;
        for (Object o : ports) {
            List<Object> e = (List<Object>) o;
            if (!"w".equals(e.get(2))) {
                continue;
            }
            int port = ((Number) e.get(0)).intValue(), value = ((Number) e.get(1)).intValue();
            if (k >= writes.size() || writes.get(k)[2] != port || writes.get(k)[3] != value) {
                diffs.add(String.format("port write %d: expected $%02X to $%04X", k, value, port));
                return;
            }
            k++;
        }
    }

    private static String describe(int[] a) {
        if (a == null) {
            return "none";
        }
        String kind = switch (a[1]) {
            case 'r' -> "read";
            case 'w' -> "write";
            case 'i' -> "in";
            default -> "out";
        };
        return String.format("%s $%04X=$%02X at T%d", kind, a[2], a[3] & 0xFF, a[0]);
    }
}
