package org.mqvio.harness.fio;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.AlphaChars;

class FioValuesTest {
    @Property
    void binarySuffixesArePowersOf1024(@ForAll @LongRange(min = 0, max = 1 << 20) long n, @ForAll @IntRange(min = 0, max = 3) int power)
            throws BadValueException {
        String suffix = new String[] {"", "k", "m", "g"}[power];
        assertThat(FioValues.size(n + suffix, 1024)).isEqualTo(n << (10 * power));
        assertThat(FioValues.size(n + suffix.toUpperCase() + (power > 0 ? "B" : ""), 1024)).isEqualTo(n << (10 * power));
    }

    @Property
    void timesScaleByTheirUnit(@ForAll @LongRange(min = 0, max = 1_000_000) long n) throws BadValueException {
        assertThat(FioValues.time(n + "us", 1_000_000_000L)).isEqualTo(n * 1_000);
        assertThat(FioValues.time(n + "msec", 1_000_000_000L)).isEqualTo(n * 1_000_000);
        assertThat(FioValues.time(String.valueOf(n), 1_000_000_000L)).isEqualTo(n * 1_000_000_000);
        assertThat(FioValues.time(String.valueOf(n), 1_000_000L)).isEqualTo(n * 1_000_000);
    }

    @Property
    void anyOneCharacterTypoOfAModelledNameSuggestsANameOneEditAway(@ForAll @IntRange(min = 0, max = 100) int which,
                                                                   @ForAll @IntRange(min = 0, max = 30) int at) {
        FioOption[] all = FioOption.values();
        String name = all[which % all.length].fioName();
        int i = at % name.length();
        String typo = name.substring(0, i) + name.substring(i + 1);
        String suggested = EditDistance.nearest(typo, FioOptions.names());
        assertThat(EditDistance.between(typo, suggested)).isLessThanOrEqualTo(1);
    }

    @Property
    void editDistanceIsSymmetricAndZeroOnlyForEqualWords(@ForAll @AlphaChars @StringLength(max = 12) String a,
                                                        @ForAll @AlphaChars @StringLength(max = 12) String b) {
        assertThat(EditDistance.between(a, b)).isEqualTo(EditDistance.between(b, a));
        assertThat(EditDistance.between(a, b) == 0).isEqualTo(a.equals(b));
    }

    @Example
    void swapsCountOnce() {
        assertThat(EditDistance.between("iodetph", "iodepth")).isEqualTo(1);
        assertThat(EditDistance.nearest("ramptime", FioOptions.names())).isEqualTo("ramp_time");
    }

    @Example
    void overflowIsABadValue() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FioValues.size("99999999999p", 1024))
                .isInstanceOf(BadValueException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FioValues.time("9999999999999999d", 1))
                .isInstanceOf(BadValueException.class);
    }
}
