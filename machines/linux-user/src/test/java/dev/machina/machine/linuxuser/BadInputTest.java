package dev.machina.machine.linuxuser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.machina.core.machine.MachineConfig;
import dev.machina.core.media.MediaException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad programs give one clear line: a non-AArch64 ELF, a truncated ELF, a dynamic executable
 * whose interpreter is missing, an unknown system call, an undefined instruction, a bad access.
 * The ELF headers here are written byte by byte from the System V gABI layout.
 */
class BadInputTest {
    @TempDir
    Path dir;

    /** An ELF64 little-endian header with one program header (PT_LOAD, or PT_INTERP + PT_LOAD). */
    private static byte[] elf(int machine, String interp) {
        int phnum = interp == null ? 1 : 2;
        ByteBuffer b = ByteBuffer.allocate(0x200).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.putShort(16, (short) 2).putShort(18, (short) machine).putInt(20, 1).putLong(24, 0x400078).putLong(32, 64)
                .putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) phnum);
        int o = 64;
        if (interp != null) {
            b.putInt(o, 3).putInt(o + 4, 4).putLong(o + 8, 0x180).putLong(o + 16, 0x400180).putLong(o + 32, interp.length() + 1).putLong(o + 40, interp.length() + 1);
            b.put(0x180, interp.getBytes());
            o += 56;
        }
        b.putInt(o, 1).putInt(o + 4, 5).putLong(o + 8, 0).putLong(o + 16, 0x400000).putLong(o + 32, 0x200).putLong(o + 40, 0x200);
        return b.array();
    }

    private String buildError(byte[] file, Map<String, String> options) throws IOException {
        Path p = dir.resolve("prog");
        Files.write(p, file);
        MediaException e = assertThrows(MediaException.class,
                () -> new LinuxAarch64().build(new MachineConfig(Map.of(), List.of(), options, List.of(p.toString()))));
        assertTrue(!e.getMessage().contains("\n"), "one line");
        return e.getMessage();
    }

    @Test
    void x8664ElfIsRefused() throws Exception {
        assertEquals(dir.resolve("prog") + ": ELF machine 62 (x86-64), need 183 (AArch64)", buildError(elf(62, null), Map.of()));
    }

    @Test
    void truncatedElfIsRefused() throws Exception {
        byte[] whole = elf(183, null);
        assertEquals(dir.resolve("prog") + ": truncated ELF header (40 bytes, need 64)", buildError(java.util.Arrays.copyOf(whole, 40), Map.of()));
        assertEquals(dir.resolve("prog") + ": truncated: program headers end at 120, file has 100 bytes", buildError(java.util.Arrays.copyOf(whole, 100), Map.of()));
    }

    @Test
    void notElfIsRefused() throws Exception {
        assertEquals(dir.resolve("prog") + ": not an ELF file (no \\x7fELF magic)", buildError("#!/bin/sh\n".getBytes(), Map.of()));
    }

    @Test
    void missingInterpreterIsNamed() throws Exception {
        Path root = Files.createDirectory(dir.resolve("sysroot"));
        byte[] f = elf(183, "/lib/ld-linux-aarch64.so.1");
        assertEquals(dir.resolve("prog") + ": interpreter /lib/ld-linux-aarch64.so.1 not found under sysroot " + root,
                buildError(f, Map.of(LinuxAarch64.SYSROOT, root.toString())));
        assertEquals(dir.resolve("prog") + ": dynamically linked (interpreter /lib/ld-linux-aarch64.so.1); give --sysroot DIR holding it",
                buildError(f, Map.of()));
    }

    private Path assembleAndLink(String source) throws Exception {
        Assumptions.assumeTrue(GuestRunner.onPath("aarch64-linux-gnu-as") && GuestRunner.onPath("aarch64-linux-gnu-ld"),
                "needs aarch64-linux-gnu-as and -ld (Debian binutils-aarch64-linux-gnu)");
        Path s = dir.resolve("t.s");
        Files.writeString(s, ".global _start\n.text\n_start:\n" + source + "\n");
        run("aarch64-linux-gnu-as", "-o", dir.resolve("t.o").toString(), s.toString());
        run("aarch64-linux-gnu-ld", "-static", "-o", dir.resolve("t").toString(), dir.resolve("t.o").toString());
        return dir.resolve("t");
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", cmd) + ": " + out);
    }

    @Test
    void unknownSyscallReturnsEnosysAndIsReportedOnce() throws Exception {
        Path t = assembleAndLink("""
                mov x8, #999
                svc #0
                mov x19, x0
                mov x8, #999
                svc #0
                neg x0, x19
                mov x8, #94
                svc #0
                """);
        GuestRunner.Result r = GuestRunner.machina(List.of(t.toString()), new byte[0], Map.of());
        assertEquals(38, r.status(), "exit(-result) = ENOSYS");
        String[] lines = r.err().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("machina: unsupported syscall syscall_999 (999) at pc 0x"), lines[0]);
    }

    @Test
    void undefinedInstructionRaisesSigill() throws Exception {
        Path t = assembleAndLink("nop\nudf #0\n");
        GuestRunner.Result r = GuestRunner.machina(List.of(t.toString()), new byte[0], Map.of());
        assertEquals(128 + 4, r.status());
        assertTrue(r.err().matches("machina: illegal instruction 0x00000000 \\(\\.inst 0x00000000\\) at pc 0x[0-9a-f]+\n"), r.err());
    }

    @Test
    void badAccessRaisesSigsegv() throws Exception {
        Path t = assembleAndLink("mov x0, #0x10\nldr x1, [x0]\n");
        GuestRunner.Result r = GuestRunner.machina(List.of(t.toString()), new byte[0], Map.of());
        assertEquals(128 + 11, r.status());
        assertTrue(r.err().startsWith("machina: segmentation fault: read of unmapped address 0x10 at pc 0x"), r.err());
    }

    @Test
    void straceShowsDecodedCalls() throws Exception {
        Path t = assembleAndLink("""
                mov x0, #1
                adr x1, msg
                mov x2, #3
                mov x8, #64
                svc #0
                mov x0, #0
                mov x8, #93
                svc #0
                msg: .ascii "hi\\n"
                """);
        GuestRunner.Result r = GuestRunner.machina(List.of(t.toString()), new byte[0], Map.of(LinuxAarch64.STRACE, "true"));
        assertEquals("hi\n", r.out());
        assertTrue(r.err().contains("write(1, 0x"), r.err());
        assertTrue(r.err().contains(", 3) = 3\n"), r.err());
        assertTrue(r.err().contains("exit(0) = 0"), r.err());
    }
}
