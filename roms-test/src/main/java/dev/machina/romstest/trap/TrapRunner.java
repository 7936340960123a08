package dev.machina.romstest.trap;

import dev.machina.core.cpu.Cpu;
import dev.machina.core.cpu.CpuFamily;
import dev.machina.core.cpu.RegisterView;
import dev.machina.core.memory.AddressSpace;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Runs a flat binary test program until the CPU traps, after the convention of Klaus Dormann's
 * 6502 functional tests: the program ends in an instruction that jumps or branches to itself,
 * at a known success address when every check passed and anywhere else when one failed. A trap
 * is detected when a step leaves the program counter where it was.
 *
 * <p>The CPU gets a flat RAM of {@code 2^addressBits} bytes (little-endian space, 256-byte
 * pages), the loads copied in, and its {@code pc} set to the start address (which, for CPUs
 * with a reset sequence, starts there without running it).
 */
public final class TrapRunner {

    /**
     * One file to load.
     *
     * @param file    a flat binary
     * @param address where its first byte goes
     */
    public record Load(Path file, long address) {
        public Load {
            Objects.requireNonNull(file);
        }

        /**
         * Parses {@code FILE@ADDR}; the address is hex with a {@code $} or {@code 0x} prefix, or
         * decimal.
         *
         * @throws IllegalArgumentException naming the argument when it has no {@code @} or a bad address
         */
        public static Load parse(String spec) {
            int at = spec.lastIndexOf('@');
            if (at <= 0 || at == spec.length() - 1) {
                throw new IllegalArgumentException("--load " + spec + ": expected FILE@ADDR, e.g. test.bin@$0400");
            }
            return new Load(Path.of(spec.substring(0, at)), parseAddress(spec.substring(at + 1), "--load " + spec));
        }
    }

    /**
     * The outcome of a run.
     *
     * @param passed       trapped at the success address
     * @param trapped      a trap was seen (false: the cycle limit was reached first)
     * @param address      the trap address, or the PC when the limit was reached
     * @param cycles       clock cycles executed
     * @param instructions steps executed
     * @param registers    the register view's values, {@code name=$value} separated by spaces
     */
    public record Result(boolean passed, boolean trapped, long address, long cycles, long instructions, String registers) {
        /** The one-line report: {@code PASS ...} or {@code FAIL ...}. */
        public String line(int addressDigits) {
            String where = String.format(Locale.ROOT, "$%0" + addressDigits + "X", address);
            String what = trapped ? "trapped at " + where : "no trap within the cycle limit, pc " + where;
            return (passed ? "PASS: " : "FAIL: ") + what + " after " + cycles + " cycles (" + instructions + " instructions); " + registers;
        }
    }

    private final CpuFamily family;
    private final String model;
    private final int addressBits;

    /**
     * @param family      the CPU family
     * @param model       one of its models
     * @param addressBits width of the flat RAM space, 8..24
     */
    public TrapRunner(CpuFamily family, String model, int addressBits) {
        if (addressBits < 8 || addressBits > 24) {
            throw new IllegalArgumentException("address width " + addressBits + " outside 8..24 bits");
        }
        this.family = family;
        this.model = model;
        this.addressBits = addressBits;
    }

    /**
     * Loads the files, starts at {@code start} and runs until a trap or {@code maxCycles}.
     *
     * @throws IOException              when a file is missing or unreadable (the message names it)
     * @throws IllegalArgumentException when a load does not fit the address space or an address
     *                                  is out of range (the message says which)
     */
    public Result run(List<Load> loads, long start, long success, long maxCycles) throws IOException {
        long size = 1L << addressBits;
        checkAddress(start, size, "--start");
        checkAddress(success, size, "--success");
        if (maxCycles < 1) {
            throw new IllegalArgumentException("--max-cycles must be >= 1");
        }
        byte[] ram = new byte[(int) size];
        for (Load l : loads) {
            byte[] data;
            try {
                data = Files.readAllBytes(l.file());
            } catch (NoSuchFileException e) {
                throw new IOException(l.file() + ": no such file", e);
            }
            checkAddress(l.address(), size, l.file().toString());
            if (l.address() + data.length > size) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %d bytes at $%X run past the end of the %d-bit address space",
                        l.file(), data.length, l.address(), addressBits));
            }
            System.arraycopy(data, 0, ram, (int) l.address(), data.length);
        }
        AddressSpace space = new AddressSpace("trap", addressBits, 8, ByteOrder.LITTLE_ENDIAN);
        space.installRam(0, (int) (size - 1), MemorySegment.ofArray(ram));
        Cpu cpu = family.create(model, "maincpu", space, null);
        RegisterView regs = cpu.registers();
        String pcName = programCounter(regs);
        regs.set(pcName, start);

        long cycles = 0;
        long instructions = 0;
        while (cycles < maxCycles) {
            long before = regs.get(pcName);
            cycles += cpu.step();
            instructions++;
            long after = regs.get(pcName);
            if (after == before) {
                return new Result(after == success, true, after, cycles, instructions, describe(regs));
            }
        }
        return new Result(false, false, regs.get(pcName), cycles, instructions, describe(regs));
    }

    /** Hex digits to show an address of this space. */
    public int addressDigits() {
        return (addressBits + 3) / 4;
    }

    private static String programCounter(RegisterView regs) {
        for (String name : List.of("pc", "ip", "eip", "rip")) {
            if (regs.names().contains(name)) {
                return name;
            }
        }
        throw new IllegalArgumentException("CPU has no program counter register (pc, ip, eip, rip) in " + regs.names());
    }

    private static String describe(RegisterView regs) {
        StringBuilder sb = new StringBuilder();
        for (String name : regs.names()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            int digits = (regs.width(name) + 3) / 4;
            sb.append(name).append("=$").append(String.format(Locale.ROOT, "%0" + digits + "X", regs.get(name)));
        }
        return sb.toString();
    }

    private static void checkAddress(long address, long size, String what) {
        if (address < 0 || address >= size) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: address $%X outside the address space (0..$%X)", what, address, size - 1));
        }
    }

    /**
     * Parses an address: {@code $1234}, {@code 0x1234} (hex) or {@code 4660} (decimal).
     *
     * @throws IllegalArgumentException naming {@code what} when it is not a number
     */
    public static long parseAddress(String text, String what) {
        try {
            String t = text.trim();
            if (t.startsWith("$")) {
                return Long.parseLong(t.substring(1), 16);
            }
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text + "' is not an address ($hex, 0xhex or decimal)");
        }
    }
}
