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
}
