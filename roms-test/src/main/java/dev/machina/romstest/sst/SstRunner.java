package dev.machina.romstest.sst;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.machina.core.cpu.SingleStepTests;
import dev.machina.core.io.AtomicFiles;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Runs SingleStepTests files (github.com/SingleStepTests: {@code *.json} or {@code *.json.gz},
 * each a JSON array of tests in the suite's original schema) through a CPU family's
 * {@link SingleStepTests} binding and reports.
 *
 * <p>Output contract (the same for every core): one line per file with failures, naming the
 * first failing test and its first difference; then, when the binding masks undefined flags
 * ({@link SingleStepTests#masksUndefinedFlags}) or some test failed only in them, a line with the
 * exact figure; last, {@code N passed, N failed} alone on a line (with
 * undefined flags masked).
 */
public final class SstRunner {

    /** Per-file result. */
    public record FileResult(String file, int tests, int failedMasked, int failedExact, String firstFailure) {
    }

    /** Totals over all files. */
    public record Summary(List<FileResult> files, long passedMasked, long failedMasked, long passedExact, long failedExact) {
        /** True when nothing failed with undefined flags masked. */
        public boolean ok() {
            return failedMasked == 0;
        }
    }

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private final SingleStepTests binding;
    private final boolean cycles;
    private final int limitPerFile;

    /**
     * @param binding      the CPU family's binding
     * @param cycles       compare bus cycles too
     * @param limitPerFile run at most this many tests of each file (0 = all)
     */
    public SstRunner(SingleStepTests binding, boolean cycles, int limitPerFile) {
        this.binding = binding;
        this.cycles = cycles;
        this.limitPerFile = limitPerFile;
    }

    /**
     * The test files of {@code dir}, sorted by name ({@code metadata.json} excluded).
     *
     * @throws IOException when {@code dir} is not a readable directory or holds no test file
     */
    public static List<Path> testFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".json") || n.endsWith(".json.gz")) && !n.startsWith("metadata.");
            }).sorted().toList();
            if (files.isEmpty()) {
                throw new IOException(dir + ": no SingleStepTests files (*.json, *.json.gz)");
            }
            return files;
        }
    }

    /**
     * Runs every test file of {@code dir}, printing the report to {@code out}.
     *
     * @throws IOException when a file cannot be read or is not a JSON array of tests; the message
     *                     names the file
     */
    public Summary run(Path dir, PrintStream out) throws IOException {
        List<Path> files = testFiles(dir);
        binding.prepare(dir);
        List<FileResult> results = new ArrayList<>();
        long passM = 0, failM = 0, passE = 0, failE = 0;
        boolean distinguishes = false;
        for (Path f : files) {
            FileResult r = runFile(f);
            results.add(r);
            passM += r.tests() - r.failedMasked();
            failM += r.failedMasked();
            passE += r.tests() - r.failedExact();
            failE += r.failedExact();
            distinguishes |= r.failedExact() != r.failedMasked();
            if (r.failedMasked() > 0) {
                out.printf("%s: %d of %d failed; first: %s%n", r.file(), r.failedMasked(), r.tests(), r.firstFailure());
            }
        }
        if (distinguishes || binding.masksUndefinedFlags()) {
            out.printf("exact (undefined flags compared): %d passed, %d failed%n", passE, failE);
        }
        out.printf("%d passed, %d failed%n", passM, failM);
        return new Summary(results, passM, failM, passE, failE);
    }

    private FileResult runFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        int tests = 0, failedMasked = 0, failedExact = 0;
        String first = null;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             JsonParser p = new JsonFactory(mapper).createParser(in)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException(file + ": not a JSON array of tests");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                if (limitPerFile > 0 && tests >= limitPerFile) {
                    p.skipChildren();
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> test = mapper.readValue(p, LinkedHashMap.class);
                tests++;
                SingleStepTests.Outcome o;
                try {
                    o = binding.run(name, test, cycles);
                } catch (RuntimeException e) {
                    o = new SingleStepTests.Outcome(List.of("exception " + e), List.of());
                }
                if (!o.passedMasked()) {
                    failedMasked++;
                    if (first == null) {
                        first = test.get("name") + ": " + o.differences().getFirst();
                    }
                }
                if (!o.passedExact()) {
                    failedExact++;
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": malformed JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": corrupt gzip: " + e.getMessage(), e);
        }
        return new FileResult(name, tests, failedMasked, failedExact, first);
    }

    /** Writes {@code summary} as JSON to {@code file}, atomically. */
    public void writeReport(Summary summary, String cpu, Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("cpu", cpu);
        root.put("passed", summary.passedMasked());
        root.put("failed", summary.failedMasked());
        root.put("passedExact", summary.passedExact());
        root.put("failedExact", summary.failedExact());
        root.put("files", summary.files());
        AtomicFiles.write(file, mapper.writeValueAsBytes(root));
    }
}
