package dev.machina.cpu.x86;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.machina.core.cpu.SingleStepTests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Temporary debugging aid: prints exact failures per file. */
public class SstDebugMain {
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        SingleStepTests b = new X86Family().singleStepTests("8086").orElseThrow();
        b.prepare(dir);
        ObjectMapper m = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
        for (int i = 1; i < args.length; i++) {
            String f = args[i];
            List<Map<String, Object>> tests = m.readValue(new GZIPInputStream(Files.newInputStream(dir.resolve(f))), List.class);
            int n = 0, shown = 0;
            for (Map<String, Object> t : tests) {
                SingleStepTests.Outcome o = b.run(f, t, false);
                if (!o.passedExact()) {
                    n++;
                    if (shown++ < 40) {
                        Map<String, Object> ini = (Map<String, Object>) t.get("initial");
                        System.out.println(f + " " + t.get("name") + " " + t.get("bytes") + " init=" + ini.get("regs") + " :: " + o.differences() + o.undefinedOnly());
                    }
                }
            }
            System.out.println(f + ": " + n + " exact failures");
        }
    }
}
