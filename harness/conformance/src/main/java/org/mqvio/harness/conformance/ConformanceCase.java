package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.mqvio.harness.stack.StackConfig;

/**
 * One generated case: a stack, a scripted workload and the faults to inject. Its {@link #toString() text}
 * is a command line that {@link #parse} reads back, so a counter-example can be replayed exactly with
 * {@link ConformanceRun#replay}:
 *
 * <pre>{@code
 * --dataplane=mq --guest-block-layer=blk-mq --host-block-layer=blk-mq --device=nvme --host-cpus=2 --vcpus=2
 *     --seed=7 --set virtio.queue_size=4 --bad-sectors=8 --job=cpu0,qd2:W0+8,F,R0+8 --job=cpu1,qd1:Z16+8
 * }</pre>
 *
 * The options up to {@code --set} are those of {@code ./mqvio run} (which runs the same stack under a fio job,
 * not under this script); {@code --bad-sectors} and {@code --job} are the kit's. Values may not contain
 * spaces.
 *
 * @param stack    the stack and its seed
 * @param workload the jobs; each job's CPU must be one of the stack's
 * @param faults   the faults injected at the device
 */
public record ConformanceCase(StackConfig stack, Workload workload, Faults faults) {
    public ConformanceCase {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(faults, "faults");
        if (workload.maxCpu() >= stack.vcpus()) {
            throw new IllegalArgumentException("a job runs on CPU " + workload.maxCpu() + " but the stack has "
                    + stack.vcpus() + " (allowed: cpu0 to cpu" + (stack.vcpus() - 1) + ")");
        }
    }

    /** A case without faults. */
    public static ConformanceCase of(StackConfig stack, Workload workload) {
        return new ConformanceCase(stack, workload, Faults.none());
    }

    /** The same case with {@code config} as its stack. */
    public ConformanceCase withStack(StackConfig config) {
        return new ConformanceCase(config, workload, faults);
    }

    /** The stack's options, as {@code ./mqvio run} takes them. */
    public String stackOptions() {
        return stackOptions(stack);
    }

    /** {@code stack}'s options, as {@code ./mqvio run} takes them. */
    public static String stackOptions(StackConfig stack) {
        StringBuilder sb = new StringBuilder();
        sb.append("--dataplane=").append(stack.dataPlane())
                .append(" --guest-block-layer=").append(stack.guestBlockLayer())
                .append(" --host-block-layer=").append(stack.hostBlockLayer())
                .append(" --device=").append(stack.device())
                .append(" --host-cpus=").append(stack.hostCpus())
                .append(" --vcpus=").append(stack.vcpus())
                .append(" --seed=").append(stack.seed());
        stack.settings().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(" --set ").append(e.getKey()).append('=').append(e.getValue()));
        return sb.toString();
    }

    /** The whole case as a command line that {@link #parse} reads. */
    public String commandLine() {
        String f = faults.compact();
        return stackOptions() + (f.isEmpty() ? "" : " " + f) + " " + workload.compact();
    }

    /**
     * Reads a case from its command line. Stack options left out take {@link StackConfig#defaults} values.
     *
     * @throws IllegalArgumentException naming the option that is wrong and the options allowed
     */
    public static ConformanceCase parse(String commandLine) {
        List<String> tokens = new ArrayList<>(Arrays.asList(commandLine.trim().split("\\s+")));
        StackConfig d = StackConfig.defaults(1);
        String dataPlane = d.dataPlane();
        String guest = d.guestBlockLayer();
        String host = d.hostBlockLayer();
        String device = d.device();
        int hostCpus = d.hostCpus();
        int vcpus = -1;
        long seed = d.seed();
        Map<String, String> settings = new LinkedHashMap<>();
        Faults faults = Faults.none();
        List<JobScript> jobs = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("--set")) {
                if (i + 1 >= tokens.size()) {
                    throw new IllegalArgumentException("--set needs NAME=VALUE");
                }
                t = "--set=" + tokens.get(++i);
            }
            int eq = t.indexOf('=');
            String option = eq < 0 ? t : t.substring(0, eq);
            String value = eq < 0 ? "" : t.substring(eq + 1);
            switch (option) {
                case "--dataplane" -> dataPlane = value;
                case "--guest-block-layer" -> guest = value;
                case "--host-block-layer" -> host = value;
                case "--device" -> device = value;
                case "--host-cpus" -> hostCpus = number(option, value);
                case "--vcpus" -> vcpus = number(option, value);
                case "--seed" -> seed = longNumber(option, value);
                case "--set" -> {
                    int e = value.indexOf('=');
                    if (e <= 0) {
                        throw new IllegalArgumentException("--set " + value + " is not NAME=VALUE");
                    }
                    settings.put(value.substring(0, e), value.substring(e + 1));
                }
                case "--bad-sectors" -> faults = Faults.badSectors(Arrays.stream(value.split(","))
                        .mapToLong(s -> longNumber(option, s)).toArray());
                case "--job" -> jobs.add(JobScript.parse(value));
                default -> throw new IllegalArgumentException("unknown option '" + t + "' in a conformance case; allowed:"
                        + " --dataplane, --guest-block-layer, --host-block-layer, --device, --host-cpus, --vcpus, --seed,"
                        + " --set NAME=VALUE, --bad-sectors=S,S, --job=cpuN,qdN:IO,IO");
            }
        }
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("a conformance case needs at least one --job=cpuN,qdN:IO,...");
        }
        Workload workload = new Workload(jobs);
        int cpus = vcpus > 0 ? vcpus : workload.maxCpu() + 1;
        return new ConformanceCase(new StackConfig(dataPlane, guest, host, device, hostCpus, cpus, seed, settings),
                workload, faults);
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + "=" + value + " is not an integer");
        }
    }

    private static long longNumber(String option, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + "=" + value + " is not an integer");
        }
    }

    /** The command line: readable in a jqwik report, and replayable. */
    @Override
    public String toString() {
        return commandLine();
    }
}
