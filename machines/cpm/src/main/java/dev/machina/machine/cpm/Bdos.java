package dev.machina.machine.cpm;

import dev.machina.core.memory.AddressSpace;
import dev.machina.cpu.z80.Z80State;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The emulated CP/M 2.2 BDOS console functions (CP/M 2.2 Interface Guide, section 3.2): called
 * when the program reaches the BDOS trap with the function number in C and the parameter in E or
 * DE; results go to A and L (byte results) or HL (word results), with B = H, as the real BDOS
 * leaves them. Implemented: 0 system reset (ends the run), 1 console input, 2 console output,
 * 6 direct console I/O, 9 print string, 10 read console buffer, 11 console status, 12 version
 * (2.2). Any other function ends the run with an error naming it.
 */
final class Bdos {
    private static final String[] NAMES = {"system reset", "console input", "console output", "reader input",
            "punch output", "list output", "direct console I/O", "get I/O byte", "set I/O byte", "print string",
            "read console buffer", "get console status", "return version number", "reset disk system", "select disk",
            "open file", "close file", "search for first", "search for next", "delete file", "read sequential",
            "write sequential", "make file", "rename file", "return login vector", "return current disk",
            "set DMA address", "get allocation vector address", "write protect disk", "get R/O vector",
            "set file attributes", "get disk parameter block address", "get/set user code", "read random",
            "write random", "compute file size", "set random record", "reset drive", "(unused)", "(unused)",
            "write random with zero fill"};
    private static final int CTRL_Z = 0x1A;

    private final Z80State cpu;
    private final byte[] ram;
    /** Writes go through the address space, so a recompiler watching the page sees them. */
    private final AddressSpace mem;
    private final InputStream in;
    private final PrintStream out;
    private boolean exited;
    private String failure;

    Bdos(Z80State cpu, byte[] ram, AddressSpace mem, InputStream in, PrintStream out) {
        this.cpu = cpu;
        this.ram = ram;
        this.mem = mem;
        this.in = in;
        this.out = out;
    }

    /** True once the program returned to CP/M (warm boot or function 0). */
    boolean exited() {
        return exited;
    }

    /** The error that ended the run, or null. */
    String failure() {
        return failure;
    }

    /** The program jumped to 0000H. */
    void warmBoot() {
        exited = true;
    }

    /**
     * Performs the function in C. Returns false when the run must stop (exit or failure).
     */
    boolean call() {
        int fn = cpu.r[Z80State.C];
        int e = cpu.r[Z80State.E];
        int de = cpu.de();
        switch (fn) {
            case 0 -> {
                exited = true;
                return false;
            }
            case 1 -> {
                out.flush();
                int c = readByte();
                if (c != CTRL_Z) {
                    out.write(c);
                }
                result(c);
            }
            case 2 -> out.write(e);
            case 6 -> {
                if (e == 0xFF) {
                    result(available() ? readByte() : 0);
                } else if (e == 0xFE) {
                    result(available() ? 0xFF : 0);
                } else if (e == 0xFD) {
                    out.flush();
                    result(readByte());
                } else {
                    out.write(e);
                }
            }
            case 9 -> {
                int a = de;
                for (int n = 0; ram[a] != '$'; n++, a = (a + 1) & 0xFFFF) {
                    if (n == 0x10000) {
                        return fail(String.format("BDOS function 9 (print string): no '$' terminator in memory from %04XH, called from %04XH", de, caller()));
                    }
                    out.write(ram[a] & 0xFF);
                }
            }
            case 10 -> readLine(de);
            case 11 -> result(available() ? 0xFF : 0);
            case 12 -> result16(0x0022);
            default -> {
                return fail(String.format("BDOS function %d (%s) not implemented, called from %04XH", fn,
                        fn < NAMES.length ? NAMES[fn] : "not a CP/M 2.2 function", caller()));
            }
        }
        return true;
    }

    /** Function 10: DE -> [max][count][chars...]; a line from the input, without its end, echoed. */
    private void readLine(int buffer) {
        out.flush();
        int max = ram[buffer] & 0xFF;
        int n = 0;
        while (true) {
            int c = readByte();
            if (c == '\n' || c == '\r' || c == CTRL_Z) {
                break;
            }
            if (n < max) {
                mem.write8((buffer + 2 + n) & 0xFFFF, c);
                out.write(c);
                n++;
            }
        }
        mem.write8((buffer + 1) & 0xFFFF, n);
        out.write('\r');
        out.write('\n');
        result(n);
    }

    private boolean fail(String message) {
        failure = message;
        return false;
    }

    /** Address of the CALL 0005H: the return address on the stack minus 3. */
    private int caller() {
        int sp = cpu.sp;
        int ret = (ram[sp] & 0xFF) | (ram[(sp + 1) & 0xFFFF] & 0xFF) << 8;
        return (ret - 3) & 0xFFFF;
    }

    private void result(int v) {
        result16(v & 0xFF);
    }

    private void result16(int v) {
        cpu.r[Z80State.L] = v & 0xFF;
        cpu.r[Z80State.A] = v & 0xFF;
        cpu.r[Z80State.H] = (v >> 8) & 0xFF;
        cpu.r[Z80State.B] = (v >> 8) & 0xFF;
    }

    private int readByte() {
        try {
            int c = in.read();
            return c < 0 ? CTRL_Z : c & 0x7F;
        } catch (IOException ex) {
            throw new UncheckedIOException("console input: " + ex.getMessage(), ex);
        }
    }

    private boolean available() {
        try {
            return in.available() > 0;
        } catch (IOException ex) {
            return false;
        }
    }
}
