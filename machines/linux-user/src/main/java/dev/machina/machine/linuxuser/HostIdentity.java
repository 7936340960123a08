package dev.machina.machine.linuxuser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host user the guest runs as: real uid and gid (the emulator does not change identity), read
 * from {@code /proc/self/status} ("Uid:", "Gid:" and "Groups:" lines); 0 when that file is unreadable.
 */
final class HostIdentity {
    static final long UID;
    static final long GID;
    /** Supplementary group ids ("Groups:" line). */
    static final long[] GROUPS;

    static {
        long uid = 0;
        long gid = 0;
        long[] groups = new long[0];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                } else if (line.startsWith("Gid:")) {
                    gid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                } else if (line.startsWith("Groups:") && !line.substring(7).isBlank()) {
                    groups = java.util.Arrays.stream(line.substring(7).trim().split("\\s+")).mapToLong(Long::parseLong).toArray();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or no procfs: report root
        }
        UID = uid;
        GID = gid;
        GROUPS = groups;
    }

    private HostIdentity() {
    }
}
