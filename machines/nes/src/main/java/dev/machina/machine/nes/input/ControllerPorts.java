package dev.machina.machine.nes.input;

import dev.machina.core.state.StateException;
import dev.machina.core.state.StateReader;
import dev.machina.core.state.StateWriter;
import dev.machina.core.state.Stateful;

/**
 * The two controller ports: a write to $4016 drives the strobe of both; reads of $4016 and
 * $4017 shift port 1 and port 2 (NESdev wiki "Input devices", "Standard controller"). Bits 7-5
 * of a read are open bus (usually $40 on a real NES, the high byte of the address), bits 4-1
 * read 0 with standard controllers.
 */
public final class ControllerPorts implements Stateful {
    private final StandardController[] ports = {new StandardController(), new StandardController()};

    /** Controller 1 ({@code n} = 1) or 2. */
    public StandardController controller(int n) {
        return ports[n - 1];
    }

    @Override
    public String tag() {
        return "input";
    }

    @Override
    public int stateVersion() {
        return 1;
    }

    @Override
    public void saveState(StateWriter out) {
        ports[0].save(out);
        ports[1].save(out);
    }

    @Override
    public void loadState(StateReader in) throws StateException {
        ports[0].load(in);
        ports[1].load(in);
    }

    /** A CPU write to $4016 ({@code value} 0..255; bit 0 is the strobe). */
    public void write(int value) {
        boolean strobe = (value & 1) != 0;
        ports[0].setStrobe(strobe);
        ports[1].setStrobe(strobe);
    }

    /**
     * A CPU read of $4016 ({@code port} 1) or $4017 ({@code port} 2).
     *
     * @param openBus the CPU data bus value before the read; its bits 7-5 are returned
     * @return 0..255
     */
    public int read(int port, int openBus) {
        return (openBus & 0xE0) | ports[port - 1].read();
    }
}
