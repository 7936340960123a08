package dev.machina.machine.cpm;

/**
 * The CP/M memory layout this machine sets up (CP/M 2.2 Interface Guide, section 1: page zero,
 * TPA at 0100H, BDOS entry by {@code CALL 0005H}, warm boot by {@code JP 0000H}):
 * <pre>
 * 0000H  JP 0FE03H       warm boot vector
 * 0005H  JP 0FE00H       BDOS entry; 0006H-0007H hold the BDOS address, the top of memory
 *                        programs may use (they often load SP from it)
 * 005CH  default FCBs (from the command line, see CommandTail), 0080H command tail
 * 0100H  the .COM program; TPA 0100H-0FD7FH
 * 0FD80H initial stack, 126 bytes
 * 0FDFEH 0000H           the word a program's final RET pops (initial SP = 0FDFEH)
 * 0FE00H OUT (0FFH),A    BDOS trap: the machine performs function C with DE
 * 0FE02H RET
 * 0FE03H OUT (0FEH),A    warm-boot trap: ends the run
 * 0FE05H HALT
 * </pre>
 * The traps are writes to the Z80's I/O space, which the machine serves, so the CPU needs no
 * hooks. A program that uses the memory up to the BDOS address overwrites the initial stack, as on
 * a real system it overwrites the CCP; the traps stay above it.
 */
public final class CpmMemoryMap {
    private CpmMemoryMap() {
    }

    /** Where programs load and start. */
    public static final int TPA_START = 0x0100;
    /** First address above the TPA. */
    public static final int TPA_END = 0xFD80;
    /** Largest .COM file that fits: 0FC80H = 64640 bytes. */
    public static final int TPA_SIZE = TPA_END - TPA_START;
    /** Initial stack pointer; the word there is 0000H. */
    public static final int STACK = 0xFDFE;
    static final int BDOS = 0xFE00;
    static final int WARM_BOOT = 0xFE03;
    /** I/O ports (low byte) of the traps. */
    static final int PORT_WARM_BOOT = 0xFE, PORT_BDOS = 0xFF;

    /** Writes page zero and the trap stubs into {@code ram} (64 KiB). */
    static void install(byte[] ram) {
        put(ram, 0x0000, 0xC3, WARM_BOOT & 0xFF, WARM_BOOT >> 8);
        put(ram, 0x0005, 0xC3, BDOS & 0xFF, BDOS >> 8);
        put(ram, STACK, 0x00, 0x00);
        put(ram, WARM_BOOT, 0xD3, PORT_WARM_BOOT, 0x76);
        put(ram, BDOS, 0xD3, PORT_BDOS, 0xC9);
    }

    private static void put(byte[] ram, int at, int... bytes) {
        for (int k = 0; k < bytes.length; k++) {
            ram[at + k] = (byte) bytes[k];
        }
    }
}
