package dev.machina.cpu.x86;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.machina.core.cpu.SingleStepTests;
import dev.machina.core.memory.AddressSpace;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Binding to the SingleStepTests 8086 suite (github.com/SingleStepTests/8086, schema version 2):
 * each test gives {@code initial} registers and RAM, the instruction runs (with its prefixes and,
 * for REP, all its iterations), and {@code final} lists the registers that changed and the RAM.
 *
 * <p>{@link #prepare} reads {@code metadata.json}: per opcode (per {@code /reg} for groups) the
 * {@code flags-mask} whose cleared bits are the flags undefined for that instruction. A flags
 * difference only in those bits, or in those bits of a FLAGS image the instruction pushed (an
 * interrupt entry, e.g. the divide error), counts only in the exact figure. Port reads return
 * 0xFF as on the test rig's open bus. Bus cycles ({@code cycles}) are not compared: this engine
 * does not model the prefetch queue yet.
 */
final class X86SingleStepTests implements SingleStepTests {
    private static final String[] REGS = {"ax", "bx", "cx", "dx", "cs", "ss", "ds", "es", "sp", "bp", "si", "di", "ip", "flags"};

    private final byte[] ram = new byte[1 << 20];
    private final X86Cpu cpu;
    private final Map<String, Integer> undefinedMasks = new HashMap<>();

    X86SingleStepTests(X86Family family, String model) {
        AddressSpace program = new AddressSpace("sst memory", 20, 12, ByteOrder.LITTLE_ENDIAN);
        program.installRam(0, 0xFFFFF, MemorySegment.ofArray(ram));
        AddressSpace io = new AddressSpace("sst io", 16, 8, ByteOrder.LITTLE_ENDIAN);
        io.installHandler(0, 0xFFFF, port -> 0xFF, (port, value) -> { }); // the rig's open bus
        cpu = (X86Cpu) family.create(model, "sst", program, io);
    }

    @Override
    public boolean masksUndefinedFlags() {
        return !undefinedMasks.isEmpty();
    }

    @Override
    public void prepare(Path directory) throws IOException {
        Path meta = directory.resolve("metadata.json");
        if (!Files.isRegularFile(meta)) {
            return; // no metadata: every flag compared
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(meta.toFile());
        } catch (IOException e) {
            throw new IOException(meta + ": unreadable metadata: " + e.getMessage(), e);
        }
        JsonNode opcodes = root.path("opcodes");
        if (!opcodes.isObject()) {
            throw new IOException(meta + ": no 'opcodes' object");
        }
        for (Map.Entry<String, JsonNode> op : opcodes.properties()) {
            JsonNode reg = op.getValue().get("reg");
            if (reg != null) {
                for (Map.Entry<String, JsonNode> r : reg.properties()) {
                    mask(op.getKey() + "." + r.getKey(), r.getValue());
                }
            } else {
                mask(op.getKey(), op.getValue());
            }
        }
    }

    private void mask(String key, JsonNode node) {
        JsonNode m = node.get("flags-mask");
        if (m != null && m.canConvertToInt()) {
            undefinedMasks.put(key.toUpperCase(), ~m.asInt() & 0xFFFF);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Outcome run(String file, Map<String, Object> test, boolean cycles) {
        String key = file.replaceFirst("\\.json(\\.gz)?$", "").toUpperCase();
        int undefined = undefinedMasks.getOrDefault(key, 0);
        Map<String, Object> initial = (Map<String, Object>) test.get("initial");
        Map<String, Object> fin = (Map<String, Object>) test.get("final");
        Map<String, Object> iregs = (Map<String, Object>) initial.get("regs");
        Map<String, Object> fregs = (Map<String, Object>) fin.get("regs");

        Arrays.fill(ram, (byte) 0);
        cpu.reset();
        for (String r : REGS) {
            cpu.registers().set(r, SingleStepTests.number(iregs, r));
        }
        for (long[] p : SingleStepTests.ram(initial)) {
            ram[(int) p[0] & 0xFFFFF] = (byte) p[1];
        }
        cpu.step();

        List<String> diffs = new ArrayList<>();
        List<String> undef = new ArrayList<>();
        for (String r : REGS) {
            long want = fregs.containsKey(r) ? SingleStepTests.number(fregs, r) : SingleStepTests.number(iregs, r);
            long got = cpu.registers().get(r);
            if (want != got) {
                String line = String.format("%s: expected %04X, got %04X", r, want, got);
                if (r.equals("flags") && ((want ^ got) & ~undefined) == 0) {
                    undef.add(line);
                } else {
                    diffs.add(line);
                }
            }
        }
        long ss = cpu.registers().get("ss");
        long sp = cpu.registers().get("sp");
        int pushedFlags = (int) ((ss << 4) + ((sp + 4) & 0xFFFF)) & 0xFFFFF;
        for (long[] p : SingleStepTests.ram(fin)) {
            int a = (int) p[0] & 0xFFFFF;
            int got = ram[a] & 0xFF;
            if (got != p[1]) {
                String line = String.format("ram[%05X]: expected %02X, got %02X", a, p[1], got);
                int bitsMask = a == pushedFlags ? undefined & 0xFF : a == ((pushedFlags + 1) & 0xFFFFF) ? (undefined >>> 8) : 0;
                if (((got ^ p[1]) & ~bitsMask & 0xFF) == 0) {
                    undef.add(line);
                } else {
                    diffs.add(line);
                }
            }
        }
        return diffs.isEmpty() && undef.isEmpty() ? Outcome.PASS : new Outcome(diffs, undef);
    }
}
