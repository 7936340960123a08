package dev.machina.cpu.z80;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recompiler and lockstep engines against the interpreter on a program with interrupts:
 * slices of varied lengths, INT asserted between slices and cleared by the handler's OUT, one
 * NMI; after every slice the T-states used and the whole state must be the same on each engine
 * (interrupts taken before the same instruction, EI delay included; slices ending at the same
 * instruction).
 */
class Z80EngineTest {
    /**
     * <pre>
     * 0000 LD SP,8000H / IM 1 / EI
     * 0006 loop: INC HL / LD A,(HL) / ADD A,B / LD B,A / DEC DE / LD A,D / OR E / JR NZ,loop
     * 000F done: HALT / JR done (an interrupt wakes the HALT)
     * 0038 PUSH AF / OUT (0),A (clears INT) / LD A,(9000H) / INC A / LD (9000H),A / POP AF / EI / RETI
     * 0066 PUSH HL / LD HL,9001H / INC (HL) / POP HL / RETN
     * </pre>
     */
    private static Z80TestBench machine(String engine) {
        Z80TestBench b = new Z80TestBench();
        b.load(0, 0x31, 0x00, 0x80, 0xED, 0x56, 0xFB,
                0x23, 0x7E, 0x80, 0x47, 0x1B, 0x7A, 0xB3, 0x20, 0xF7, 0x76, 0x18, 0xFD);
        b.load(0x38, 0xF5, 0xD3, 0x00, 0x3A, 0x00, 0x90, 0x3C, 0x32, 0x00, 0x90, 0xF1, 0xFB, 0xED, 0x4D);
        b.load(0x66, 0xE5, 0x21, 0x01, 0x90, 0x34, 0xE1, 0xED, 0x45);
        for (int a = 0x1000; a < 0x4000; a++) {
            b.ram[a] = (byte) (a * 7 + (a >> 8));
        }
        b.io.installHandler(0, 0xFFFF, port -> 0xFF, (port, v) -> b.cpu.line("int").clear());
        b.cpu.setTranslationThreshold(1);
        b.cpu.setEngine(engine);
        b.s.r[Z80State.D] = 0x30;
        b.s.r[Z80State.E] = 0x00;
        b.s.r[Z80State.H] = 0x10;
        b.s.r[Z80State.L] = 0x00;
        return b;
    }

    private static List<String> trace(String engine) {
        Z80TestBench b = machine(engine);
        List<String> out = new ArrayList<>();
        long seed = 12345;
        for (int slice = 0; slice < 3000; slice++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            long budget = 1 + ((seed >>> 33) % 700);
            if (slice % 7 == 3) {
                b.cpu.line("int").assertLine();
            }
            if (slice == 1500) {
                b.cpu.line("nmi").assertLine();
                b.cpu.line("nmi").clear();
            }
            long used = b.cpu.execute(budget);
            Z80State s = b.s;
            out.add(String.format("slice %d: %d T PC=%04X SP=%04X AF=%04X BC=%04X DE=%04X HL=%04X WZ=%04X R=%02X IFF=%b/%b"
                            + " Q=%02X EI=%b HALT=%b n=%d ints=%d nmis=%d", slice, used, s.pc, s.sp, s.af(), s.bc(), s.de(), s.hl(),
                    s.wz, s.r(), s.iff1, s.iff2, s.q(), s.ei(), s.halted, s.icount, b.ram[0x9000] & 0xFF, b.ram[0x9001] & 0xFF));
        }
        if (!engine.equals("interpreter")) {
            assertTrue(b.cpu.translations() > 0, engine + " translated nothing");
        }
        return out;
    }

    @Test
    void recompilerAndLockstepMatchTheInterpreterSliceBySlice() {
        List<String> reference = trace("interpreter");
        assertTrue(reference.getLast().contains("DE=0000"), "the loop should have run to its end: " + reference.getLast());
        assertTrue(!reference.getLast().contains("ints=0 "), "interrupts should have been taken: " + reference.getLast());
        for (String engine : List.of("recompiler", "lockstep")) {
            List<String> got = trace(engine);
            for (int k = 0; k < reference.size(); k++) {
                assertEquals(reference.get(k), got.get(k), engine);
            }
        }
    }
    /**
     * The inline ALU and CB shift/rotate forms of the recompiler, with F dropped where a later
     * instruction of the block overwrites it: 256 passes of
     * <pre>
     * 0000 LD SP,8000H / LD BC,0 / LD DE,1234H
     * 0009 loop: LD A,B / ADD A,C / XOR D / PUSH AF      (ADD's F dead)
     *      SUB C / ADC A,E / PUSH AF                     (SUB's carry read by ADC)
     *      CP B / RL D / PUSH AF                         (CP's carry read by RL)
     *      AND B / SRA D / SRL E / PUSH AF               (AND's and SRA's F dead)
     *      ADD A,E / LD E,A / SBC A,D / PUSH AF          (carry read across LD)
     *      CP 80H / RRC E / RLC D / PUSH AF              (CP's and RRC's F dead)
     *      INC B / INC C / JR NZ,loop / HALT
     * </pre>
     * leave A and F of every step on the stack; the recompiler's stack, registers and T-states
     * must be the interpreter's.
     */
    @Test
    void inlineAluAndDeadFlagsMatchTheInterpreter() {
        int[] program = {0x31, 0x00, 0x80, 0x01, 0x00, 0x00, 0x11, 0x34, 0x12,
                0x78, 0x81, 0xAA, 0xF5,
                0x91, 0x8B, 0xF5,
                0xB8, 0xCB, 0x12, 0xF5,
                0xA0, 0xCB, 0x2A, 0xCB, 0x3B, 0xF5,
                0x83, 0x5F, 0x9A, 0xF5,
                0xFE, 0x80, 0xCB, 0x0B, 0xCB, 0x02, 0xF5,
                0x04, 0x0C, 0x20, 0xE0, 0x76};
        List<String> results = new ArrayList<>();
        for (String engine : List.of("interpreter", "recompiler", "lockstep")) {
            Z80TestBench b = new Z80TestBench();
            b.load(0, program);
            b.cpu.setTranslationThreshold(1);
            b.cpu.setEngine(engine);
            long t = 0;
            while (!b.s.halted && t < 10_000_000) {
                t += b.cpu.execute(1000);
            }
            assertTrue(b.s.halted, engine + ": the program should reach its HALT");
            Z80State s = b.s;
            StringBuilder sb = new StringBuilder(String.format("%d T AF=%04X BC=%04X DE=%04X SP=%04X Q=%02X ", t, s.af(), s.bc(), s.de(), s.sp, s.q()));
            for (int a = s.sp; a < 0x8000; a++) {
                sb.append(String.format("%02X", b.ram[a] & 0xFF));
            }
            results.add(sb.toString());
            if (!engine.equals("interpreter")) {
                assertTrue(b.cpu.translations() > 0, engine + " translated nothing");
            }
        }
        assertTrue(results.getFirst().contains("SP=7400"), "6 pushes in each of 256 passes: " + results.getFirst().substring(0, 60));
        assertEquals(results.get(0), results.get(1), "recompiler");
        assertEquals(results.get(0), results.get(2), "lockstep");
    }
    /**
     * Runs {@code b} until HALT, at most {@code count} slices of 1..{@code maxBudget} T-states
     * (a fixed pseudo-random sequence from {@code seed}); one line per slice from {@code line}
     * (slice number, T-states used).
     */
    private static List<String> slices(Z80TestBench b, long seed, int count, int maxBudget,
                                       java.util.function.BiFunction<Integer, Long, String> line) {
        List<String> out = new ArrayList<>();
        for (int slice = 0; slice < count && !b.s.halted; slice++) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            long budget = 1 + ((seed >>> 33) % maxBudget);
            out.add(line.apply(slice, b.cpu.execute(budget)));
        }
        return out;
    }

    /**
     * Forward JR cc over a few register instructions, which the recompiler emits as selects
     * (the skipped instructions run, their results are kept only when the branch is not
     * taken): each of NZ, Z, NC and C, over every kind of instruction a select may skip, with
     * both directions taken in the 256 passes of
     * <pre>
     * 0000 LD SP,8000H / LD BC,9D00H / LD DE,1234H / LD HL,5678H
     * 000C loop: LD A,C / ADD A,B / JR NC,s1 / LD D,A / XOR 5AH / LD E,A
     * 0014 s1: PUSH AF / RL E / JR C,s2 / INC H / SRL L / CPL / EX DE,HL / NOP
     * 001F s2: PUSH DE / LD A,H / AND L / JR NZ,s3 / SET 0,H / BIT 7,D / INC DE / RRCA / LD L,A
     * 002B s3: PUSH HL / LD A,E / AND 3 / JR Z,s4 / DEC D / ADC A,E / RES 1,E / RLA / LD H,A / NOP
     * 0038 s4: PUSH AF / INC C / JR NZ,loop / HALT
     * </pre>
     * in slices of varied length: every slice must use the same T-states and end in the same
     * state (registers, WZ, R, Q) on every engine, and the stack of pushed values must match.
     */
    @Test
    void forwardBranchesAsSelectsMatchTheInterpreter() {
        int[] program = {0x31, 0x00, 0x80, 0x01, 0x00, 0x9D, 0x11, 0x34, 0x12, 0x21, 0x78, 0x56,
                0x79, 0x80, 0x30, 0x04, 0x57, 0xEE, 0x5A, 0x5F,
                0xF5, 0xCB, 0x13, 0x38, 0x06, 0x24, 0xCB, 0x3D, 0x2F, 0xEB, 0x00,
                0xD5, 0x7C, 0xA5, 0x20, 0x07, 0xCB, 0xC4, 0xCB, 0x7A, 0x13, 0x0F, 0x6F,
                0xE5, 0x7B, 0xE6, 0x03, 0x28, 0x07, 0x15, 0x8B, 0xCB, 0x8B, 0x17, 0x67, 0x00,
                0xF5, 0x0C, 0x20, 0xD0, 0x76};
        List<List<String>> traces = new ArrayList<>();
        for (String engine : List.of("interpreter", "recompiler", "lockstep")) {
            Z80TestBench b = new Z80TestBench();
            b.load(0, program);
            b.cpu.setTranslationThreshold(1);
            b.cpu.setEngine(engine);
            Z80State s = b.s;
            List<String> out = slices(b, 7, 5000, 400, (slice, used) -> String.format(
                    "slice %d: %d T PC=%04X SP=%04X AF=%04X BC=%04X DE=%04X HL=%04X WZ=%04X R=%02X Q=%02X",
                    slice, used, s.pc, s.sp, s.af(), s.bc(), s.de(), s.hl(), s.wz, s.r(), s.q()));
            assertTrue(b.s.halted, engine + " should reach the HALT");
            assertEquals(0x7800, b.s.sp, engine + ": four pushes in each of 256 passes");
            StringBuilder stack = new StringBuilder();
            for (int a = 0x7800; a < 0x8000; a++) {
                stack.append(String.format("%02X", b.ram[a] & 0xFF));
            }
            out.add(stack.toString());
            if (!engine.equals("interpreter")) {
                // each of the four in at least one translation (a region can hold several of them)
                assertTrue(b.cpu.recompiler().selects() >= 4, engine + ": selects emitted: " + b.cpu.recompiler().selects());
            }
            traces.add(out);
        }
        for (int e = 1; e < 3; e++) {
            List<String> got = traces.get(e);
            for (int k = 0; k < traces.getFirst().size(); k++) {
                assertEquals(traces.getFirst().get(k), k < got.size() ? got.get(k) : "(none)", e == 1 ? "recompiler" : "lockstep");
            }
            assertEquals(traces.getFirst().size(), got.size());
        }
    }

    /**
     * A loop whose body has instructions the recompiler leaves to the interpreter inside a block
     * (EXX) keeps to the slice budget as the interpreter does: {@code LD B,0 / loop: EXX / INC A /
     * EXX / DJNZ loop / HALT}, run in slices of varied length, uses the same T-states per slice and ends each
     * slice in the same state on every engine.
     */
    @Test
    void loopThroughAnInterpretedInstructionKeepsTheSliceBudget() {
        List<List<String>> traces = new ArrayList<>();
        for (String engine : List.of("interpreter", "recompiler", "lockstep")) {
            Z80TestBench b = new Z80TestBench();
            b.load(0, 0x06, 0x00, 0xD9, 0x3C, 0xD9, 0x10, 0xFB, 0x76);
            b.cpu.setTranslationThreshold(1);
            b.cpu.setEngine(engine);
            List<String> out = slices(b, 99, 400, 300, (slice, used) -> String.format("slice %d: %d T PC=%04X AF=%04X BC=%04X R=%02X",
                    slice, used, b.s.pc, b.s.af(), b.s.bc(), b.s.r()));
            assertTrue(b.s.halted, engine + " should reach the HALT");
            traces.add(out);
        }
        assertEquals(traces.get(0), traces.get(1), "recompiler");
        assertEquals(traces.get(0), traces.get(2), "lockstep");
    }
}
