package org.mqvio.harness.fio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mqvio.harness.workload.Verification;
import org.mqvio.harness.workload.VerifyPattern;
import org.mqvio.harness.workload.VerifyType;

/** fio's verify options as fio parses them (fio 3.33's {@code options.c} and {@code lib/pattern.c}). */
class VerifyOptionsTest {
    private static Verification planned(String... tokens) {
        List<String> all = new java.util.ArrayList<>(List.of("--name=v", "--rw=write", "--size=64k"));
        all.addAll(List.of(tokens));
        return JobPlanner.plan(all, Map.of()).jobs().get(0).spec().verification();
    }

    /** The examples of {@code parse_and_fill_pattern()}'s documentation in fio's {@code lib/pattern.c}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "abcd"           | 61626364
            -1024            | 00fcffff
            66               | 42
            0xFF0X1          | ff01
            %o               | 0000000000000000
            "123"0xFFeeCC    | 313233ffeecc
            -100xab"1"%o"2"  | f6ffffffab31000000000000000032
            %o0xdeadbeef%o   | 0000000000000000deadbeef0000000000000000
            0                | 00
            """)
    void patternsParseToFiosBytes(String pattern, String hex) throws BadValueException {
        VerifyPattern p = VerifyOptions.pattern(pattern);
        assertThat(HexFormat.of().formatHex(p.bytes())).isEqualTo(hex);
    }

    @Test
    void offsetsArePastedWhereThePatternHadPercentO() throws BadValueException {
        assertThat(VerifyOptions.pattern("-100xab\"1\"%o\"2\"").offsetsAt()).containsExactly(6);
        assertThat(VerifyOptions.pattern("%o0xdeadbeef%o").offsetsAt()).containsExactly(0, 12);
    }

    @Test
    void aJobsVerifyOptionsKeepFiosDefaultsAndAPatternAloneChecksHeaderAndPattern() {
        Verification v = planned("--verify=crc32c-intel", "--verify_interval=1k", "--verify_backlog=16");
        assertThat(v.type()).contains(VerifyType.CRC32C);
        assertThat(v.doVerify()).isTrue();
        assertThat(v.interval()).isEqualTo(1024);
        assertThat(v.backlog()).isEqualTo(16);
        assertThat(planned("--verify_pattern=0xaa").type()).contains(VerifyType.PATTERN_HDR);
        assertThat(planned("--verify=0").verifies()).isFalse();
        assertThat(planned("--fill_fs=1").fillDevice()).isTrue();
    }

    @Test
    void badValuesSayWhatIsAllowed() {
        assertThatThrownBy(() -> planned("--verify=sha4")).hasMessageContaining("verify=sha4 is invalid; allowed: 0,"
                + " md5, crc64, crc32, crc32c, crc32c-intel").hasMessageContaining("did you mean 'sha1'?");
        assertThatThrownBy(() -> planned("--verify=md5", "--verify_interval=64")).hasMessageEndingWith(
                "job 'v': verify_interval=64 is below fio's minimum; allowed: 0 (the block size) or >= 80");
        assertThatThrownBy(() -> planned("--verify=md5", "--verify_offset=8")).hasMessageEndingWith(
                "verify_offset=8 is invalid; allowed: 0, or >= 40 (fio's header size)");
        assertThatThrownBy(() -> planned("--verify=pattern")).hasMessageEndingWith("verify=pattern needs"
                + " verify_pattern; allowed: a verify_pattern such as 0xdeadbeef, or another verify type");
        assertThatThrownBy(() -> planned("--verify_pattern='/etc/passwd'")).hasMessageContaining("fio's 'file' form");
        assertThatThrownBy(() -> planned("--verify=md5", "--read_iolog=src/test/resources/org/mqvio/harness/fio/"
                + "fio-3.33-randrw.iolog")).hasMessageContaining("verify and fill_device with read_iolog are not"
                + " modelled");
    }
}
