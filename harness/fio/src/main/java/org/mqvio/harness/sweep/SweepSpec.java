package org.mqvio.harness.sweep;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mqvio.harness.stack.StackConfig;

/**
 * A sweep: the job (job files and fio options, as {@code mqvio run} takes them), the base stack, the swept
 * parameters (every combination is a point), the parameter on the charts' x axis and the metrics charted.
 *
 * @param tokens     job files and fio options
 * @param stack      the base stack (its vCPU count is replaced per run unless {@code vcpus} is given)
 * @param vcpus      a fixed vCPU count, or null for one per clone
 * @param parameters the swept parameters, the first varying slowest
 * @param x          the parameter on the charts' x axis
 * @param metrics    the metrics charted, each against {@code x} (names of {@link PointMetrics})
 */
public record SweepSpec(List<String> tokens, StackConfig stack, Integer vcpus, List<SweepParameter> parameters,
                        String x, List<String> metrics) {
    public SweepSpec {
        tokens = List.copyOf(tokens);
        parameters = List.copyOf(parameters);
        metrics = List.copyOf(metrics);
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs a parameter; allowed: one or more --vary NAME=V1,V2,...");
        }
        List<String> names = parameters.stream().map(SweepParameter::name).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("--vary names a parameter twice (" + names + "); allowed: each once");
        }
        if (!names.contains(x)) {
            throw new IllegalArgumentException("--x=" + x + " is not a swept parameter; allowed: one of " + names);
        }
        for (String m : metrics) {
            if (!PointMetrics.NAMES.contains(m)) {
                throw new IllegalArgumentException("--metric=" + m + " is unknown; allowed: " + String.join(", ",
                        PointMetrics.NAMES));
            }
        }
        long count = 1;
        for (SweepParameter p : parameters) {
            count *= p.values().size();
            if (count > 1_000_000) {
                throw new IllegalArgumentException("the sweep has more than 1000000 points; allowed: fewer values");
            }
        }
    }

    /** Every point, the first parameter varying slowest. */
    public List<SweepPoint> points() {
        return points(parameters);
    }

    /** Every point of a sweep of {@code parameters}, the first varying slowest. */
    static List<SweepPoint> points(List<SweepParameter> parameters) {
        List<SweepPoint> points = new ArrayList<>();
        int[] at = new int[parameters.size()];
        int total = 1;
        for (SweepParameter p : parameters) {
            total *= p.values().size();
        }
        for (int i = 0; i < total; i++) {
            Map<String, String> v = new LinkedHashMap<>();
            for (int k = 0; k < parameters.size(); k++) {
                v.put(parameters.get(k).name(), parameters.get(k).values().get(at[k]));
            }
            points.add(new SweepPoint(i, v));
            for (int k = parameters.size() - 1; k >= 0; k--) {
                if (++at[k] < parameters.get(k).values().size()) {
                    break;
                }
                at[k] = 0;
            }
        }
        return points;
    }

    /** The stack of {@code point}: the base with the point's stack options and settings. */
    public StackConfig stackFor(SweepPoint point) {
        StackConfig c = stack;
        for (SweepParameter p : parameters) {
            String v = point.values().get(p.name());
            if (p.kind() == SweepParameter.Kind.SETTING) {
                c = c.withSetting(p.name(), v);
            } else if (p.kind() == SweepParameter.Kind.STACK) {
                c = switch (p.name()) {
                    case "dataplane" -> c.withDataPlane(v);
                    case "guest-block-layer" -> new StackConfig(c.dataPlane(), v, c.hostBlockLayer(), c.device(),
                            c.hostCpus(), c.vcpus(), c.seed(), c.settings());
                    case "host-block-layer" -> new StackConfig(c.dataPlane(), c.guestBlockLayer(), v, c.device(),
                            c.hostCpus(), c.vcpus(), c.seed(), c.settings());
                    case "device" -> new StackConfig(c.dataPlane(), c.guestBlockLayer(), c.hostBlockLayer(), v,
                            c.hostCpus(), c.vcpus(), c.seed(), c.settings());
                    case "host-cpus" -> c.withHostCpus((int) Math.min(Integer.MAX_VALUE, integer(p.name(), v, 1)));
                    case "seed" -> c.withSeed(integer(p.name(), v, Long.MIN_VALUE));
                    default -> c;
                };
            }
        }
        return c;
    }

    /** The fixed vCPU count of {@code point}, or null for one per clone. */
    public Integer vcpusFor(SweepPoint point) {
        String v = point.values().get("vcpus");
        if (v == null) {
            return vcpus;
        }
        return (int) Math.min(Integer.MAX_VALUE, integer("vcpus", v, 1));
    }

    /** The fio options of {@code point}, {@code NAME=VALUE}, applied to every job last. */
    public List<String> fioOverrides(SweepPoint point) {
        List<String> o = new ArrayList<>();
        for (SweepParameter p : parameters) {
            if (p.kind() == SweepParameter.Kind.FIO) {
                o.add(p.name() + "=" + point.values().get(p.name()));
            }
        }
        return o;
    }

    private static long integer(String name, String v, long min) {
        try {
            long x = Long.parseLong(v);
            if (x < min) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--vary " + name + ": '" + v + "' is invalid; allowed: an integer"
                    + (min > Long.MIN_VALUE ? " >= " + min : ""));
        }
    }

    /** A digest of everything that decides the points' results: shards of one sweep share it. */
    public String id(String version) {
        StringBuilder sb = new StringBuilder("mqvio ").append(version).append('\n');
        tokens.forEach(t -> sb.append("token ").append(t).append('\n'));
        sb.append("stack ").append(stack.dataPlane()).append(' ').append(stack.guestBlockLayer()).append(' ')
                .append(stack.hostBlockLayer()).append(' ').append(stack.device()).append(' ').append(stack.hostCpus())
                .append(' ').append(stack.seed()).append(' ').append(vcpus).append('\n');
        new TreeMap<>(stack.settings()).forEach((k, v) -> sb.append("set ").append(k).append('=').append(v).append('\n'));
        parameters.forEach(p -> sb.append("vary ").append(p.name()).append('=').append(String.join(",", p.values()))
                .append('\n'));
        return HexFormat.of().formatHex(Hashing.sha256().hashString(sb, StandardCharsets.UTF_8).asBytes(), 0, 8);
    }
}
