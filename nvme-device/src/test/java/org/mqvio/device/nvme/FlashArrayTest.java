package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The NAND array's timing: one read takes the read latency; reads on different dies overlap, reads on one
 * die queue; a saturated array completes exactly {@code dies} stripe units per read latency; programs take
 * the program latency; channel transfers serialize on their channel.
 */
class FlashArrayTest {
    private static final long READ = 80_000;
    private static final long PROGRAM = 500_000;

    private static List<Long> serve(ManualPlatform p, FlashArray flash, List<Command> commands) {
        List<Long> done = new ArrayList<>();
        for (Command c : commands) {
            flash.serve(c, () -> done.add(p.nanoTime()));
        }
        p.runAll();
        return done;
    }

    @Example
    void latenciesAndDieQueueing() {
        ManualPlatform p = new ManualPlatform();
        FlashArray flash = new FlashArray(p, 2, 4, READ, PROGRAM, 0, 8);
        assertThat(serve(p, flash, List.of(Command.read(0, 0, 8, 0)))).containsExactly(READ);
        p = new ManualPlatform();
        flash = new FlashArray(p, 2, 4, READ, PROGRAM, 0, 8);
        // units 0 and 4 share die 0; unit 1 is on die 1.
        assertThat(serve(p, flash, List.of(Command.read(0, 0, 8, 0), Command.read(1, 32, 8, 0), Command.read(2, 8, 8, 0))))
                .containsExactly(READ, READ, 2 * READ);
        p = new ManualPlatform();
        flash = new FlashArray(p, 2, 4, READ, PROGRAM, 0, 8);
        assertThat(serve(p, flash, List.of(Command.write(0, 0, 32, false, 0)))).as("4 units on 4 dies in parallel")
                .containsExactly(PROGRAM);
        p = new ManualPlatform();
        flash = new FlashArray(p, 2, 4, READ, PROGRAM, 0, 8);
        assertThat(serve(p, flash, List.of(Command.flush(0), Command.writeZeroes(1, 0, 8)))).containsExactly(0L, 0L);
    }

    @Property(tries = 50)
    void saturatedArrayServesDiesPerReadLatency(@ForAll @IntRange(min = 1, max = 8) int channels,
                                                @ForAll @IntRange(min = 1, max = 8) int diesPerChannel,
                                                @ForAll @IntRange(min = 1, max = 20) int perDie) {
        int dies = channels * diesPerChannel;
        ManualPlatform p = new ManualPlatform();
        FlashArray flash = new FlashArray(p, channels, dies, READ, PROGRAM, 0, 8);
        List<Command> reads = new ArrayList<>();
        for (int i = 0; i < dies * perDie; i++) {
            reads.add(Command.read(i & 0xFFFF, (long) i * 8, 8, 0));
        }
        List<Long> done = serve(p, flash, reads);
        assertThat(done).hasSize(dies * perDie);
        assertThat(done.get(done.size() - 1)).isEqualTo(perDie * READ);
        assertThat(flash.operations()).isEqualTo((long) dies * perDie);
        assertThat(flash.dieBusyNs()).isEqualTo((long) dies * perDie * READ);
    }

    @Example
    void transfersSerializeOnTheirChannel() {
        ManualPlatform p = new ManualPlatform();
        FlashArray flash = new FlashArray(p, 1, 2, READ, PROGRAM, 10_000, 8);
        assertThat(serve(p, flash, List.of(Command.read(0, 0, 8, 0), Command.read(1, 8, 8, 0))))
                .containsExactly(READ + 10_000, READ + 20_000);
    }
}
