package org.mqvio.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mqvio.api.Operation;

/** A case's command line reads back as the same case; bad command lines say what is allowed. */
class ConformanceCaseTest {

    @Provide
    Arbitrary<ConformanceCase> cases() {
        return ConformanceArbitraries.cases(StackSpace.all());
    }

    @Property(tries = 200)
    void theCommandLineReadsBackAsTheSameCase(@ForAll("cases") ConformanceCase c) {
        assertThat(ConformanceCase.parse(c.commandLine())).isEqualTo(c);
        assertThat(c.toString()).isEqualTo(c.commandLine());
    }

    @Example
    void ioOpsHaveACompactForm() {
        assertThat(IoOp.parse("Wend-8+8!")).isEqualTo(new IoOp(Operation.WRITE, 8, true, 8, true));
        assertThat(IoOp.parse("Wend-8+8!").firstSector(100)).isEqualTo(92);
        assertThat(IoOp.parse("Rend-4+8").inRange(100)).isFalse();
        assertThat(IoOp.parse("Z16+2").compact()).isEqualTo("Z16+2");
        assertThat(IoOp.parse("D0+1").operation()).isEqualTo(Operation.DISCARD);
        assertThat(IoOp.flush().compact()).isEqualTo("F");
    }

    @Example
    void badInputSaysWhatIsAllowed() {
        assertThatThrownBy(() -> IoOp.parse("X1+1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("allowed: F, or R|W|D|Z");
        assertThatThrownBy(() -> IoOp.parse("R0+1!")).hasMessageContaining("FUA is allowed on WRITE only");
        assertThatThrownBy(() -> IoOp.parse("W0+0")).hasMessageContaining("allowed: 1 to 128");
        assertThatThrownBy(() -> JobScript.parse("qd1:W0+1")).hasMessageContaining("allowed: cpuN,qdN:IO,IO,...");
        assertThatThrownBy(() -> ConformanceCase.parse("--dataplane=mq")).hasMessageContaining("at least one --job");
        assertThatThrownBy(() -> ConformanceCase.parse("--numjobs=2 --job=cpu0,qd1:F"))
                .hasMessageContaining("unknown option '--numjobs=2'").hasMessageContaining("--set NAME=VALUE");
        assertThatThrownBy(() -> ConformanceCase.parse("--vcpus=1 --job=cpu1,qd1:F"))
                .hasMessageContaining("allowed: cpu0 to cpu0");
    }

    @Example
    void leftOutOptionsTakeTheDefaultsAndEnoughCpus() {
        ConformanceCase c = ConformanceCase.parse("--job=cpu2,qd1:R0+1");
        assertThat(c.stack().vcpus()).isEqualTo(3);
        assertThat(c.stack().dataPlane()).isEqualTo("baseline");
        assertThat(c.faults().isEmpty()).isTrue();
    }
}
