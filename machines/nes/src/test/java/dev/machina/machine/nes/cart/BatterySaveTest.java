package dev.machina.machine.nes.cart;

import dev.machina.core.media.MediaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class BatterySaveTest {
    @TempDir
    Path dir;

    @Test
    void saveNextToRomAndLoadBack() throws Exception {
        BatterySave s = BatterySave.nextTo(dir.resolve("zelda.nes"));
        assertEquals(dir.resolve("zelda.sav"), s.file());
        byte[] ram = new byte[8192];
        assertFalse(s.load(ram), "no save yet");
        ram[0] = 1;
        ram[8191] = (byte) 0xEE;
        s.save(ram);
        byte[] back = new byte[8192];
        assertTrue(s.load(back));
        assertArrayEquals(ram, back);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void boardRamSurvivesAPowerCycleThroughTheSaveFile() throws Exception {
        Path rom = dir.resolve("rpg.nes");
        byte[] image = Roms.image(1, 2, 1, 0x02);      // MMC1 with battery
        java.nio.file.Files.write(rom, image);
        var first = dev.machina.machine.nes.mapper.Mappers.create(INesParser.parse("rpg.nes", image));
        assertTrue(first.hasBattery());
        first.cpuWrite(0x6000, 0x12);
        first.cpuWrite(0x7ABC, 0x34);
        BatterySave.nextTo(rom).save(first.prgRam());
        var second = dev.machina.machine.nes.mapper.Mappers.create(INesParser.parse("rpg.nes", image));
        assertEquals(0, second.cpuRead(0x6000), "fresh RAM");
        assertTrue(BatterySave.nextTo(rom).load(second.prgRam()));
        assertEquals(0x12, second.cpuRead(0x6000));
        assertEquals(0x34, second.cpuRead(0x7ABC));
    }

    @Test
    void wrongSizeIsAnError() throws IOException {
        Files.write(dir.resolve("g.sav"), new byte[100]);
        BatterySave s = BatterySave.nextTo(dir.resolve("g.nes"));
        MediaException e = assertThrows(MediaException.class, () -> s.load(new byte[8192]));
        assertEquals(dir.resolve("g.sav") + ": battery save has 100 bytes, the cartridge's PRG-RAM has 8192", e.getMessage());
    }

    @Test
    void failedSaveKeepsTheGoodOne() throws IOException {
        BatterySave good = BatterySave.nextTo(dir.resolve("g.nes"));
        good.save(new byte[]{1, 2, 3});
        // A save into a directory that does not exist fails; a save whose target is a directory fails
        // without touching the good file next to the ROM.
        Files.createDirectory(dir.resolve("h.sav"));
        Files.write(dir.resolve("h.sav").resolve("keep"), new byte[]{7});
        BatterySave bad = BatterySave.nextTo(dir.resolve("h.nes"));
        assertThrows(IOException.class, () -> bad.save(new byte[]{9}));
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(good.file()));
        assertTrue(Files.isDirectory(dir.resolve("h.sav")));
    }
}
