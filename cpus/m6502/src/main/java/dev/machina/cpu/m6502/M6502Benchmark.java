package dev.machina.cpu.m6502;

import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.core.cpu.Engines;
import dev.machina.core.memory.AddressSpace;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * {@code machina bench cpu 6502|2a03|65c02}: a bitwise CRC-16/CCITT over 256 bytes, repeated
 * forever, on 64 KiB of heap-backed RAM. The program is {@code src/main/asm/crc16.s} of this
 * module, assembled by hand below (M6502BenchmarkTest checks the bytes against ca65's output).
 */
public final class M6502Benchmark implements CpuBenchmark {
    /** Load address of {@link #PROGRAM} and its entry point. */
    public static final int ORIGIN = 0x0200;
    /** Address of the 256 data bytes. */
    public static final int DATA = 0x0300;

    /** crc16.s assembled at {@link #ORIGIN}. */
    public static final byte[] PROGRAM = bytes(
            0xA9, 0xFF,             // start:    LDA #$FF
            0x85, 0x00,             //           STA crc
            0x85, 0x01,             //           STA crc+1
            0xA0, 0x00,             //           LDY #$00
            0xB9, 0x00, 0x03,       // nextbyte: LDA data,Y
            0x45, 0x01,             //           EOR crc+1
            0x85, 0x01,             //           STA crc+1
            0xA2, 0x08,             //           LDX #8
            0x06, 0x00,             // nextbit:  ASL crc
            0x26, 0x01,             //           ROL crc+1
            0x90, 0x0C,             //           BCC noxor
            0xA5, 0x01,             //           LDA crc+1
            0x49, 0x10,             //           EOR #$10
            0x85, 0x01,             //           STA crc+1
            0xA5, 0x00,             //           LDA crc
            0x49, 0x21,             //           EOR #$21
            0x85, 0x00,             //           STA crc
            0xCA,                   // noxor:    DEX
            0xD0, 0xEB,             //           BNE nextbit
            0xC8,                   //           INY
            0xD0, 0xDF,             //           BNE nextbyte
            0xA5, 0x00,             //           LDA crc
            0x85, 0x10,             //           STA $10
            0xA5, 0x01,             //           LDA crc+1
            0x85, 0x11,             //           STA $11
            0xE6, 0x12,             //           INC $12
            0x4C, 0x00, 0x02);      //           JMP start

    private final M6502Family family;
    private final Variant variant;

    M6502Benchmark(M6502Family family, Variant variant) {
        this.family = family;
        this.variant = variant;
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int k = 0; k < values.length; k++) {
            b[k] = (byte) values[k];
        }
        return b;
    }

    /** The data bytes the program checksums: {@code (k * 37 + 11) & 0xFF} for k = 0..255. */
    public static byte[] data() {
        byte[] d = new byte[256];
        for (int k = 0; k < 256; k++) {
            d[k] = (byte) (k * 37 + 11);
        }
        return d;
    }

    @Override
    public String description() {
        return "bitwise CRC-16/CCITT over 256 bytes, repeated (src/main/asm/crc16.s)";
    }

    /**
     * A CPU on 64 KiB of RAM holding the program, the data and a reset vector to {@link #ORIGIN},
     * with the reset sequence already run.
     */
    public static M6502 load(M6502Family family, Variant variant) {
        byte[] ram = new byte[0x10000];
        System.arraycopy(PROGRAM, 0, ram, ORIGIN, PROGRAM.length);
        System.arraycopy(data(), 0, ram, DATA, 256);
        ram[0xFFFC] = (byte) ORIGIN;
        ram[0xFFFD] = (byte) (ORIGIN >> 8);
        AddressSpace space = new AddressSpace("bench", 16, 8, ByteOrder.LITTLE_ENDIAN);
        space.installRam(0, 0xFFFF, MemorySegment.ofArray(ram));
        M6502 cpu = (M6502) family.create(variant.modelName(), "maincpu", space, null);
        cpu.step();
        return cpu;
    }

    @Override
    public Run prepare(String engine) {
        M6502 cpu = load(family, variant);
        cpu.setEngine(engine);
        M6502Interpreter in = cpu.interpreter();
        if (cpu.engine().equals(Engines.INTERPRETER)) {
            return instructions -> {
                long start = in.cycles();
                in.runSteps(instructions);
                return new Result(instructions, in.cycles() - start);
            };
        }
        // Translated engines run by cycles; the instructions are counted from the cycles with
        // the program's exact ratio, measured over whole passes on the interpreter.
        double cyclesPerInstruction = cyclesPerInstruction(family, variant);
        return instructions -> {
            long start = in.cycles();
            cpu.execute(Math.round(instructions * cyclesPerInstruction));
            long used = in.cycles() - start;
            return new Result(Math.round(used / cyclesPerInstruction), used);
        };
    }

    /**
     * Cycles per instruction of the program: 16 whole passes (the byte at $12 counts passes)
     * stepped on the interpreter. Every pass runs the same instructions, so this is exact up to
     * the part of a pass a measured run ends in.
     */
    static double cyclesPerInstruction(M6502Family family, Variant variant) {
        M6502 cpu = load(family, variant);
        M6502Interpreter in = cpu.interpreter();
        while (cpu.program().read8(0x12) == 0) {
            in.step();
        }
        long c0 = in.cycles();
        long steps = 0;
        while (cpu.program().read8(0x12) < 17) {
            in.step();
            steps++;
        }
        return (in.cycles() - c0) / (double) steps;
    }
}
