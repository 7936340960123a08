package dev.machina.cpu.x86;

import dev.machina.core.cpu.CpuBenchmark;
import dev.machina.core.cpu.Engines;
import dev.machina.core.memory.AddressSpace;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/**
 * A CPU-bound 16-bit program of ours for {@code machina bench cpu 8086}: a rolling checksum over
 * 8 KiB that also rewrites each byte it reads (memory reads and writes, ALU with carry, a rotate,
 * LOOP), restarted forever. Loaded at 0000:0100 with DS=ES=1000h and SS=2000h in 1 MiB of RAM.
 *
 * <pre>
 * 0100 31 DB        start: xor  bx, bx
 * 0102 B9 00 20            mov  cx, 2000h
 * 0105 31 F6               xor  si, si
 * 0107 31 C0               xor  ax, ax
 * 0109 02 04        next:  add  al, [si]
 * 010B 80 D4 00            adc  ah, 0
 * 010E 31 C3               xor  bx, ax
 * 0110 D1 C3               rol  bx, 1
 * 0112 88 1C               mov  [si], bl
 * 0114 46                  inc  si
 * 0115 E2 F2               loop next
 * 0117 EB E7               jmp  start
 * </pre>
 */
final class X86Benchmark implements CpuBenchmark {
    /** The program bytes, assembled by hand from the listing above. */
    static final byte[] PROGRAM = bytes(
            0x31, 0xDB, 0xB9, 0x00, 0x20, 0x31, 0xF6, 0x31, 0xC0,
            0x02, 0x04, 0x80, 0xD4, 0x00, 0x31, 0xC3, 0xD1, 0xC3, 0x88, 0x1C, 0x46, 0xE2, 0xF2,
            0xEB, 0xE7);

    private final X86Family family;
    private final String model;

    X86Benchmark(X86Family family, String model) {
        this.family = family;
        this.model = model;
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Override
    public String description() {
        return "rolling checksum over 8 KiB with read-modify-write, ALU, rotate and LOOP, repeated";
    }

    @Override
    public Run prepare(String engine) {
        if (!engine.equals(Engines.INTERPRETER) && !engine.equals(Engines.AUTO)) {
            throw new IllegalArgumentException(model + " has no engine '" + engine + "' (has interpreter)");
        }
        byte[] ram = new byte[1 << 20];
        System.arraycopy(PROGRAM, 0, ram, 0x100, PROGRAM.length);
        for (int i = 0; i < 0x2000; i++) {
            ram[0x10000 + i] = (byte) (i * 7 + 3);
        }
        AddressSpace program = new AddressSpace(model + " program", 20, 12, ByteOrder.LITTLE_ENDIAN);
        program.installRam(0, 0xFFFFF, MemorySegment.ofArray(ram));
        AddressSpace io = new AddressSpace(model + " io", 16, 8, ByteOrder.LITTLE_ENDIAN);
        X86Cpu cpu = (X86Cpu) family.create(model, "maincpu", program, io);
        X86State s = cpu.state();
        s.sr[X86State.CS] = 0;
        s.ip = 0x100;
        s.sr[X86State.DS] = 0x1000;
        s.sr[X86State.ES] = 0x1000;
        s.sr[X86State.SS] = 0x2000;
        s.setReg16(X86State.SP, 0xFFFE);
        return instructions -> {
            long start = cpu.instructions();
            long cycles = 0;
            while (cpu.instructions() - start < instructions) {
                cycles += cpu.execute(10_000);
            }
            return new Result(cpu.instructions() - start, cycles);
        };
    }
}
