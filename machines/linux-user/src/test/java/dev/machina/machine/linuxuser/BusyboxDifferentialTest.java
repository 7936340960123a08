package dev.machina.machine.linuxuser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential test: Debian's static busybox for arm64 under machina and under
 * qemu-aarch64-static must print the same stdout and stderr and exit with the same status, on
 * each of machina's engines: the interpreter, the recompiler, and lockstep (every hot block run
 * on both and compared; a difference ends the run with an error, which fails the comparison).
 */
class BusyboxDifferentialTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(GuestRunner.busybox()),
                "needs Debian busybox-static:arm64 unpacked at " + GuestRunner.busybox() + " (.ci/run fetches it; or set MACHINA_BUSYBOX_ARM64)");
        Assumptions.assumeTrue(GuestRunner.onPath(GuestRunner.QEMU), "needs qemu-aarch64-static (Debian qemu-user-static)");
        StringBuilder nums = new StringBuilder();
        for (int i = 1; i <= 3000; i++) {
            nums.append(i * 7919 % 1000).append(' ').append(i).append('\n');
        }
        Files.writeString(dir.resolve("nums.txt"), nums);
        Files.writeString(dir.resolve("fruit.txt"), "banana\napple\ncherry\napple\nkiwi 3.5\nfig 0.25\n");
        byte[] bin = new byte[200_000];
        new Random(42).nextBytes(bin);
        for (int k = 0; k < bin.length; k += 3) {
            bin[k] = (byte) (k % 7); // compressible, not trivial
        }
        Files.write(dir.resolve("data.bin"), bin);
        Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(dir.resolve("tree/a/one.txt"), "one\n");
        Files.writeString(dir.resolve("tree/a/b/two.txt"), "two\n");
        Files.writeString(dir.resolve("bc.txt"), "scale=30\n4*a(1)\n2^200\nsqrt(2)\n");
        Files.writeString(dir.resolve("fruit-sorted.txt"), "apple\napple\nbanana\ncherry\nfig 0.25\nkiwi 3.5\n");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve("data.bin.gz")))) {
            gz.write(bin);
        }
        // reference archives made by the reference (qemu) run, then read back by both
        String bb = GuestRunner.busybox().toString();
        Files.write(dir.resolve("nums.txt.bz2"), GuestRunner.qemu(List.of(bb, "bzip2", "-c", dir.resolve("nums.txt").toString()), new byte[0]).stdout());
        Files.write(dir.resolve("tree.tar"), GuestRunner.qemu(List.of(bb, "tar", "-C", dir.toString(), "-cf", "-", "tree"), new byte[0]).stdout());
    }

    /**
     * Applets run directly (argv after "busybox"), with "<FILE" as the last word meaning stdin
     * from that file. Commands go straight to the applet rather than through "sh -c" because
     * qemu-user hands a shell's execve of other programs to the host kernel, which (without
     * binfmt_misc) runs the host's own tools instead of busybox; the shell test uses builtins only.
     */
    static Stream<String> commands() {
        return Stream.of(
                "echo hello, world",
                "cat $D/fruit.txt",
                "ls -l $D/tree/a",
                "wc $D/nums.txt",
                "sort -n -k 1,1 -k 2,2 $D/nums.txt",
                "uniq -c <$D/fruit-sorted.txt",
                "sed -e s/a/A/g -e /kiwi/d $D/fruit.txt",
                "awk {s+=$1;q+=$1*$1}END{printf(\"%d|%.6f|%.4e|%g\\n\",s,s/NR,q,sqrt(q))} $D/nums.txt",
                "awk BEGIN{for(i=1;i<=5;i++)printf(\"%.10f|%g\\n\",1/i,exp(i)*sin(i))}",
                "grep -E ^(ap|ch)[a-z]+$ $D/fruit.txt",
                "sha256sum $D/data.bin",
                "md5sum $D/data.bin",
                "gzip -9 -c $D/nums.txt",
                "gunzip -c $D/data.bin.gz",
                "bzip2 -c $D/nums.txt",
                "bzip2 -dc $D/nums.txt.bz2",
                "tar -C $D -cf - tree/a/one.txt",
                "tar -tvf $D/tree.tar",
                "find $D/tree",
                "seq 5 3 40",
                "printf %f|%.3f|%10.4f|%e\\n 3.14159 2.71828 -1.5 12345.678",
                "expr 7 * 6 + 1",
                "dc -e 10_3_/_p_2_k_10_3_/_p_2_v_p",
                "factor 600851475143 1000000007",
                "date -u -d @0",
                "sh -c i=0;while_[_$i_-lt_5_];do_echo_line_$i;i=$((i+1));done|while_read_a_b;do_echo_\"$b:$a\";done",
                "od -A x -t x1z $D/fruit.txt",
                "base64 $D/data.bin",
                "cksum $D/data.bin",
                "sha1sum $D/data.bin",
                "sha512sum $D/data.bin",
                "cut -d _ -f 2 $D/fruit.txt",
                "tr a-z A-Z <$D/fruit.txt",
                "tail -n 4 $D/nums.txt",
                "tac $D/fruit.txt",
                "nl $D/fruit.txt",
                "sort -r -u $D/fruit.txt",
                "bc -l <$D/bc.txt",
                "xxd -l 64 $D/data.bin",
                "id",
                "uname -m",
                "cat $D/nonexistent-file",
                "sh -c exit_7");
    }

    /** Splits on spaces; '_' inside a word stands for a space (so awk and sh scripts stay one word). */
    static List<String> words(String command) {
        List<String> w = new ArrayList<>();
        for (String s : command.replace("$D", dir.toString()).split(" ")) {
            w.add(s.replace('_', ' '));
        }
        return w;
    }

    /**
     * Lockstep checks every hot block twice with state snapshots and a store log, about 10-20x
     * slower than the interpreter; the longest-running applets are left to the other two engines
     * so the suite stays short.
     */
    private static final java.util.Set<String> TOO_LONG_FOR_LOCKSTEP = java.util.Set.of("sort -n -k 1,1 -k 2,2 $D/nums.txt",
            "awk {s+=$1;q+=$1*$1}END{printf(\"%d|%.6f|%.4e|%g\\n\",s,s/NR,q,sqrt(q))} $D/nums.txt", "gunzip -c $D/data.bin.gz",
            "bzip2 -c $D/nums.txt", "gzip -9 -c $D/nums.txt");

    static Stream<org.junit.jupiter.params.provider.Arguments> runs() {
        return Stream.of("interpreter", "recompiler", "lockstep")
                .flatMap(e -> commands().filter(c -> !e.equals("lockstep") || !TOO_LONG_FOR_LOCKSTEP.contains(c))
                        .map(c -> org.junit.jupiter.params.provider.Arguments.of(e, c)));
    }

    /** qemu's result per command line, so each reference run happens once for the three engines. */
    private static final Map<String, GuestRunner.Result> QEMU_RESULTS = new java.util.concurrent.ConcurrentHashMap<>();

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("runs")
    void sameAsQemu(String engine, String command) throws Exception {
        List<String> argv = new ArrayList<>();
        argv.add(GuestRunner.busybox().toString());
        byte[] stdin = "stdin line\n".getBytes(StandardCharsets.UTF_8);
        for (String w : words(command)) {
            if (w.startsWith("<")) {
                stdin = Files.readAllBytes(Path.of(w.substring(1)));
            } else {
                argv.add(w);
            }
        }
        GuestRunner.Result q = QEMU_RESULTS.get(command);
        if (q == null) {
            q = GuestRunner.qemu(argv, stdin);
            QEMU_RESULTS.put(command, q);
        }
        GuestRunner.Result m = GuestRunner.machina(argv, stdin, Map.of("engine", engine));
        GuestRunner.Result ref = q;
        assertAll(engine + ": " + command,
                () -> assertEquals(ref.out(), m.out(), "stdout"),
                () -> assertArrayEquals(ref.stdout(), m.stdout(), "stdout bytes"),
                () -> assertEquals(ref.err(), m.err(), "stderr"),
                () -> assertEquals(ref.status(), m.status(), "exit status"));
    }
}
