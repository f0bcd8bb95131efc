package org.mqvio.harness.fio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every option fio knows is in exactly one class: modelled, irrelevant, unmodelled or mqvio run's own. The names
 * are fio's, in {@code fio-option-names.txt} (written from fio's source, commit cited there).
 */
class FioOptionClassesTest {
    /** fio's option names, each line's name first and its alias after it. */
    private static List<List<String>> fioNames() throws IOException {
        try (InputStream in = FioOptionClassesTest.class.getResourceAsStream("fio-option-names.txt")) {
            List<List<String>> lines = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("[")) {
                    lines.add(List.of(line.strip().split("\\s+")));
                }
            }
            return lines;
        }
    }

    /** The class of {@code name}, or empty when it is in none; fails when it is in two. */
    private static Optional<String> classOf(String name) {
        Optional<FioOption> modelled = FioOptions.modelled(name);
        Optional<FioOptions.Classified> other = FioOptions.classified(name);
        assertThat(modelled.isPresent() && other.isPresent()).as(name + " is both modelled and classified").isFalse();
        return modelled.map(o -> "modelled").or(() -> other.map(c -> c.treatment().name()));
    }

    @Test
    void everyOptionFioKnowsIsInExactlyOneClassAndAnAliasInItsOptionsClass() throws IOException {
        List<List<String>> lines = fioNames();
        assertThat(lines).as("fio-3.42's job, ioengine and command-line options").hasSize(411);
        Map<String, String> unclassified = new LinkedHashMap<>();
        for (List<String> line : lines) {
            for (String name : line) {
                if (classOf(name).isEmpty()) {
                    unclassified.put(name, line.get(0));
                }
            }
            if (line.size() > 1) {
                assertThat(classOf(line.get(1))).as("alias " + line.get(1) + " of " + line.get(0))
                        .isEqualTo(classOf(line.get(0)));
            }
        }
        assertThat(unclassified).as("fio options in no class").isEmpty();
    }

    @Test
    void everyClassifiedOrModelledNameIsOneFioKnows() throws IOException {
        Set<String> fio = new HashSet<>();
        fioNames().forEach(fio::addAll);
        assertThat(FioOptions.classes().keySet()).allMatch(fio::contains, "a fio option name");
        for (FioOption o : FioOption.values()) {
            assertThat(fio).contains(o.fioName()).containsAll(o.aliases());
        }
    }

    @Test
    void theIssuesIrrelevantExamplesAreAcceptedWithAReasonAndItsDroppedOnesRefused() {
        for (String name : List.of("ioengine", "direct", "filename", "thread")) {
            assertThat(FioOptions.classified(name)).get().extracting(FioOptions.Classified::treatment)
                    .isEqualTo(FioOptions.Treatment.IRRELEVANT);
        }
        for (String name : List.of("bs_unaligned", "random_sequence_stride", "verify_async", "thinkcycles", "flow",
                "zonecapacity", "log_max_value")) {
            assertThat(FioOptions.classified(name)).get().extracting(FioOptions.Classified::treatment)
                    .as(name).isEqualTo(FioOptions.Treatment.UNMODELLED);
        }
        for (String name : List.of("rate_iops", "rate_process", "thinktime", "latency_target", "bssplit", "bsrange",
                "random_distribution", "zonemode", "verify", "do_verify", "verify_pattern", "fill_device")) {
            assertThat(FioOptions.modelled(name)).as(name).isPresent();
        }
        assertThat(FioOptions.classes().values()).allMatch(c -> !c.why().isBlank(), "a reason");
    }

    @Test
    void theReadmeTableListsEveryClassifiedAndModelledOption() throws IOException {
        String readme = Files.readString(Path.of("..", "..").resolve("README.md"));
        List<String> missing = new ArrayList<>();
        FioOptions.classes().keySet().stream()
                .filter(n -> !readme.contains("| `" + n + "`") && !readme.contains(", `" + n + "`"))
                .forEach(missing::add);
        for (FioOption o : FioOption.values()) {
            if (!readme.contains("`" + o.fioName() + "`")) {
                missing.add(o.fioName());
            }
        }
        assertThat(missing).as("options missing from README.md's table").isEmpty();
    }
}
