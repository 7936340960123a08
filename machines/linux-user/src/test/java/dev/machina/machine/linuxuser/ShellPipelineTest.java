package dev.machina.machine.linuxuser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code busybox sh -c 'a | b'}: the shell forks (each guest process a CPU and address space of
 * its own on its own thread), connects them with a pipe and execs busybox applets. qemu-user
 * cannot serve as the reference here without binfmt_misc, so the expected output is written out.
 */
class ShellPipelineTest {
    @Test
    void pipelineOfAppletsWithALoop() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(GuestRunner.busybox()),
                "needs Debian busybox-static:arm64 unpacked at " + GuestRunner.busybox() + " (.ci/run fetches it; or set MACHINA_BUSYBOX_ARM64)");
        String script = "for w in pear fig apple; do echo $w; done | sort | tr a-z A-Z; echo a b c | wc -w; exit 3";
        GuestRunner.Result m = GuestRunner.machina(List.of(GuestRunner.busybox().toString(), "sh", "-c", script), new byte[0], Map.of());
        assertEquals("APPLE\nFIG\nPEAR\n3\n", m.out());
        assertEquals("", m.err());
        assertEquals(3, m.status());
    }

    /**
     * The reading side of a pipe waits in {@code ppoll} with no timeout (busybox's {@code read}
     * builtin does) until the writer, busy for a while first, writes: the poll must block, not
     * report "nothing ready".
     */
    @Test
    void readerPollsBeforeTheWriterWrites() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(GuestRunner.busybox()),
                "needs Debian busybox-static:arm64 unpacked at " + GuestRunner.busybox() + " (.ci/run fetches it; or set MACHINA_BUSYBOX_ARM64)");
        String script = "i=0; while [ $i -lt 3000 ]; do i=$((i+1)); done; echo late; echo later"
                + " | while read a; do echo got $a; done";
        String wrapped = "(" + script.substring(0, script.indexOf(" | ")) + ")" + script.substring(script.indexOf(" | "));
        GuestRunner.Result m = GuestRunner.machina(List.of(GuestRunner.busybox().toString(), "sh", "-c", wrapped), new byte[0], Map.of());
        assertEquals("got late\ngot later\n", m.out());
        assertEquals(0, m.status());
    }
}
