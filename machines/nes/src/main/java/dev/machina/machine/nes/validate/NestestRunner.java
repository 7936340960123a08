package dev.machina.machine.nes.validate;

import dev.machina.core.cpu.Disassembler;
import dev.machina.core.media.MediaException;
import dev.machina.cpu.m6502.M6502;
import dev.machina.cpu.m6502.M6502Disassembler;
import dev.machina.cpu.m6502.M6502State;
import dev.machina.cpu.m6502.Variant;
import dev.machina.machine.nes.NesCartridges;
import dev.machina.machine.nes.NesConsole;
import dev.machina.machine.nes.Region;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a nestest-style ROM in "automation mode" (kevtris' nestest readme): after the reset
 * sequence (7 cycles) the PC is set to $C000, and before every instruction the CPU's PC,
 * instruction bytes, A, X, Y, P, SP and cycle count are compared with the next log line
 * ({@link NestestLine}). Stops at the first mismatch or the end of the log.
 */
public final class NestestRunner {
    /** Where automation mode starts. */
    public static final int START = 0xC000;

    private NestestRunner() {
    }

    /**
     * The outcome.
     *
     * @param matched  lines that matched
     * @param total    lines in the log
     * @param mismatch null when all matched, else {@code "LOG:LINE: what differs"}
     */
    public record Result(int matched, int total, String mismatch) {
        /** True when every line matched. */
        public boolean passed() {
            return mismatch == null;
        }

        /** One line: {@code "N of N lines matched"} or the first mismatch. */
        public String report() {
            return passed() ? matched + " of " + total + " lines matched"
                    : "mismatch after " + matched + " matching lines: " + mismatch;
        }
    }

    /**
     * @throws MediaException for a bad ROM, an unreadable log, or a log line that is not a trace line
     *                        ({@code "LOG:LINE: not a trace line: ..."})
     */
    public static Result run(Path rom, Path log) throws MediaException {
        List<String> lines;
        try {
            lines = Files.readAllLines(log);
        } catch (IOException e) {
            throw new MediaException(log + ": cannot read: " + e.getMessage());
        }
        NestestLine[] expected = new NestestLine[lines.size()];
        int[] lineNumber = new int[lines.size()];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                lineNumber[n] = i + 1;
                expected[n++] = NestestLine.parse(lines.get(i), log.getFileName() + ":" + (i + 1));
            } catch (IllegalArgumentException e) {
                throw new MediaException(e.getMessage());
            }
        }
        NesConsole nes = new NesConsole(NesCartridges.load(rom).mapper(), Region.NTSC);
        M6502 cpu = nes.cpu();
        nes.step(); // the reset sequence
        M6502State s = cpu.state();
        s.pc = START;
        byte[] ram = nes.devices().ram();
        var mapper = nes.devices().mapper();
        // side-effect-free reads: RAM and cartridge space only (code does not run from registers)
        java.util.function.IntUnaryOperator peek = a -> a < 0x2000 ? ram[a & 0x7FF] & 0xFF : mapper.cpuRead(a) & 0xFF;
        Disassembler dis = new M6502Disassembler(Variant.of("2a03"), peek);
        for (int i = 0; i < n; i++) {
            int len = dis.disassemble(s.pc).length();
            int[] bytes = new int[len];
            for (int b = 0; b < len; b++) {
                bytes[b] = peek.applyAsInt((s.pc + b) & 0xFFFF);
            }
            NestestLine actual = new NestestLine(s.pc, bytes, s.a, s.x, s.y, s.p(), s.s, cpu.cycles());
            String diff = expected[i].mismatch(actual);
            if (diff != null) {
                return new Result(i, n, log.getFileName() + ":" + lineNumber[i] + ": " + diff);
            }
            nes.step();
        }
        return new Result(n, n, null);
    }
}
