package dev.machina.machine.nes.validate;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ValidateTest {

    private static int[] ram(int status, String text, boolean signature) {
        int[] m = new int[0x10000];
        m[0x6000] = status;
        if (signature) {
            m[0x6001] = 0xDE;
            m[0x6002] = 0xB0;
            m[0x6003] = 0x61;
        }
        for (int i = 0; i < text.length(); i++) {
            m[0x6004 + i] = text.charAt(i);
        }
        return m;
    }

    @Test
    void blarggStates() {
        int[] none = ram(0x00, "", false);
        assertEquals(BlarggStatus.State.NO_SIGNATURE, BlarggStatus.read(a -> none[a]).state());
        int[] running = ram(0x80, "", true);
        assertEquals(BlarggStatus.State.RUNNING, BlarggStatus.read(a -> running[a]).state());
        int[] reset = ram(0x81, "", true);
        assertEquals(BlarggStatus.State.NEEDS_RESET, BlarggStatus.read(a -> reset[a]).state());
        int[] pass = ram(0x00, "timing\n\nPassed\n", true);
        BlarggStatus p = BlarggStatus.read(a -> pass[a]);
        assertTrue(p.passed());
        assertEquals("timing\n\nPassed\n", p.text());
        int[] fail = ram(0x03, "Failed #3", true);
        BlarggStatus f = BlarggStatus.read(a -> fail[a]);
        assertEquals(BlarggStatus.State.DONE, f.state());
        assertEquals(3, f.code());
        assertFalse(f.passed());
    }

    @Test
    void nestestLineParsesAndCompares() {
        NestestLine l = NestestLine.parse(
                "C000  4C F5 C5  JMP $C5F5                       A:00 X:00 Y:00 P:24 SP:FD PPU:  0, 21 CYC:7", "log:1");
        assertEquals(0xC000, l.pc());
        assertArrayEquals(new int[]{0x4C, 0xF5, 0xC5}, l.bytes());
        assertEquals(0x24, l.p());
        assertEquals(0xFD, l.sp());
        assertEquals(7, l.cycles());
        NestestLine unofficial = NestestLine.parse(
                "C6BD  04 A9    *NOP $A9 = 00                    A:AA X:97 Y:4E P:EF SP:F5 PPU: 45,183 CYC:5149", "log:2");
        assertEquals(0x04, unofficial.bytes()[0]);
        assertEquals(5149, unofficial.cycles());
        NestestLine got = new NestestLine(0xC000, new int[]{0x4C, 0xF5, 0xC5}, 0, 0, 0, 0x26, 0xFD, 8);
        assertEquals("P: expected 24, got 26; CYC: expected 7, got 8", l.mismatch(got));
        assertNull(l.mismatch(NestestLine.parse(l.toString(), "self")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NestestLine.parse("garbage", "log:9"));
        assertEquals("log:9: not a trace line: garbage", e.getMessage());
    }
}
