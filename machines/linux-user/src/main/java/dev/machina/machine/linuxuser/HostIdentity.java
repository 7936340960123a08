package dev.machina.machine.linuxuser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host user the guest runs as: real uid and gid (the emulator does not change identity), read
 * from {@code /proc/self/status} ("Uid:" and "Gid:" lines); 0 when that file is unreadable.
 */
final class HostIdentity {
    static final long UID;
    static final long GID;

    static {
        long uid = 0;
        long gid = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    uid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                } else if (line.startsWith("Gid:")) {
                    gid = Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or no procfs: report root
        }
        UID = uid;
        GID = gid;
    }

    private HostIdentity() {
    }
}
