package org.mqvio.harness.fio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.mqvio.harness.workload.AccessPattern;
import org.mqvio.harness.workload.BatchPolicy;
import org.mqvio.harness.workload.IoLog;
import org.mqvio.harness.workload.JobPacing;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.LatencyTarget;
import org.mqvio.harness.workload.PerDirection;
import org.mqvio.harness.workload.RateLimit;
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.SimulationRun;
import org.mqvio.harness.workload.ThinkTime;
import org.mqvio.harness.workload.TracedIo;

/**
 * Turns fio job files and fio options on the command line into a {@link JobPlan}, with fio's semantics:
 * a {@code [global]} section applies to the job sections after it in its own file (a second job file starts
 * afresh, its first job with a stonewall); options on the command line before the
 * first {@code --name} apply to every job (after the files' own, so they win); {@code --name=JOB} starts a
 * job on the command line; without any job section there is one job called {@code job}. Jobs run side by
 * side until a {@code stonewall}; a stonewall or {@code new_group} starts a new reporting group. Every fio
 * option is modelled, irrelevant to a model (accepted, listed) or not modelled yet (refused unless
 * {@code --allow-unmodelled}, then listed); see {@code fio-option-classes.txt}.
 *
 * <p>Every error says where (file and line, or the command line), which option, what is allowed and, for an
 * unknown name or choice, the nearest valid one.
 */
public final class JobPlanner {
    /** What a job without runtime, size, io_size and number_ios runs for: one simulated second. */
    public static final long DEFAULT_RUNTIME_NS = 1_000_000_000L;
    /** fio's default block size. */
    private static final int DEFAULT_BS = 4096;

    private JobPlanner() {
    }

    /** Plans from command-line tokens: job file paths and fio options ({@code --bs=4k}, {@code --bs 4k}). */
    public static JobPlan plan(List<String> tokens, Map<String, String> environment) {
        return plan(tokens, List.of(), environment);
    }

    /**
     * Plans from command-line tokens, then applies {@code overrides} ({@code NAME=VALUE}) to every job, last,
     * as a sweep point does.
     *
     * @throws IllegalArgumentException saying where, which option, what is allowed and the nearest valid name
     */
    public static JobPlan plan(List<String> tokens, List<String> overrides, Map<String, String> environment) {
        CommandLineJobs cli = CommandLineJobs.parse(tokens);
        List<RawOption> overrideOptions = new ArrayList<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            overrideOptions.add(new RawOption(eq < 0 ? o : o.substring(0, eq), eq < 0 ? null : o.substring(eq + 1),
                    new Origin("sweep point", 0)));
        }
        List<List<RawSection>> files = new ArrayList<>();
        for (String file : cli.files()) {
            List<RawSection> parsed = JobFileParser.parse(Path.of(file), environment);
            if (parsed.stream().allMatch(RawSection::isGlobal)) {
                throw new IllegalArgumentException("job file '" + file + "' has no job section; allowed: at least one"
                        + " [JOBNAME] section after any [global]");
            }
            files.add(parsed);
        }
        return new JobPlanner.Builder(cli, overrideOptions).build(files);
    }

    /** A job section to plan, with the global options it inherits. */
    private record Section(RawSection section, List<RawOption> inherited, boolean fromFile, boolean startsFile) {
    }

    /** Builds the plan from parsed sections. */
    private static final class Builder {
        private final CommandLineJobs cli;
        private final List<RawOption> overrides;
        private final Map<String, String> globalOptions = new LinkedHashMap<>();
        private final Set<IgnoredOption> notApplicable = new LinkedHashSet<>();
        private final Set<IgnoredOption> unmodelled = new LinkedHashSet<>();
        private final List<String> notes = new ArrayList<>();

        Builder(CommandLineJobs cli, List<RawOption> overrides) {
            this.cli = cli;
            this.overrides = overrides;
        }

        /**
         * fio reads each job file on its own: a file's {@code [global]} applies to that file's jobs only, and the
         * first job of every file after the first starts with a stonewall (a new group, run after the jobs
         * before it), as fio's {@code parse_jobs_ini()} does. Sections {@code --section} does not name are skipped
         * unread, as fio skips them.
         */
        JobPlan build(List<List<RawSection>> files) {
            List<Section> jobs = new ArrayList<>();
            for (int f = 0; f < files.size(); f++) {
                List<RawOption> global = new ArrayList<>();
                boolean first = true;
                for (RawSection s : files.get(f)) {
                    if (s.isGlobal()) {
                        s.options().forEach(this::check);
                        global.addAll(s.options());
                        s.options().forEach(o -> globalOptions.put(o.name(), o.value() == null ? "" : o.value()));
                    } else if (cli.runs(s.name())) {
                        s.options().forEach(this::check);
                        jobs.add(new Section(s, List.copyOf(global), true, f > 0 && first));
                        first = false;
                    }
                }
            }
            cli.global().forEach(this::check);
            cli.global().forEach(o -> globalOptions.put(o.name(), o.value() == null ? "" : o.value()));
            overrides.forEach(this::check);
            for (RawSection s : cli.jobs()) {
                if (cli.runs(s.name())) {
                    s.options().forEach(this::check);
                    jobs.add(new Section(s, List.of(), false, false));
                }
            }
            if (jobs.isEmpty() && !cli.sections().isEmpty()) {
                List<String> names = files.stream().flatMap(List::stream).filter(s -> !s.isGlobal())
                        .map(RawSection::name).toList();
                throw new IllegalArgumentException("command line: --section=" + String.join(",", cli.sections())
                        + " names no job section; allowed: " + (names.isEmpty() ? "a job section of a job file"
                        : String.join(", ", names)));
            }
            if (jobs.isEmpty()) {
                jobs.add(new Section(new RawSection("job", List.of(), Origin.COMMAND_LINE), List.of(), false, false));
            }
            refuseUnmodelled();
            List<List<PlannedJob>> batches = new ArrayList<>();
            int group = 0;
            for (int i = 0; i < jobs.size(); i++) {
                Section job = jobs.get(i);
                RawSection s = job.section();
                List<RawOption> all = new ArrayList<>(job.inherited());
                if (job.fromFile()) {
                    all.addAll(s.options());
                    all.addAll(cli.global());
                } else {
                    all.addAll(cli.global());
                    all.addAll(s.options());
                }
                all.addAll(overrides);
                Map<FioOption, Object> values = values(all);
                boolean stonewall = job.startsFile() || (Boolean) values.getOrDefault(FioOption.STONEWALL, false);
                boolean newGroup = (Boolean) values.getOrDefault(FioOption.NEW_GROUP, false);
                if (i > 0 && (stonewall || newGroup)) {
                    group++;
                }
                if (batches.isEmpty() || (i > 0 && stonewall)) {
                    batches.add(new ArrayList<>());
                }
                Map<String, String> own = new LinkedHashMap<>();
                s.options().forEach(o -> own.put(o.name(), o.value() == null ? "" : o.value()));
                batches.get(batches.size() - 1).add(job(s, values, group, own));
            }
            if (batches.size() > 1) {
                notes.add(batches.size() + " groups separated by stonewall run one after another, each on a freshly"
                        + " built stack");
            }
            for (List<PlannedJob> batch : batches) {
                if (batch.size() > 1) {
                    notes.add("jobs " + String.join(", ", batch.stream().map(j -> "'" + j.spec().name() + "'").toList())
                            + " run side by side on one stack");
                }
            }
            return new JobPlan(batches, globalOptions, List.copyOf(notApplicable), List.copyOf(unmodelled), notes,
                    cli.action(), ShowCommand.lines(files, cli));
        }

        /**
         * Refuses the options mqvio does not model, naming the first and why, unless {@code --allow-unmodelled}
         * (or {@code --showcmd}, which runs nothing) lets the run go on without them.
         */
        private void refuseUnmodelled() {
            if (unmodelled.isEmpty() || cli.allowUnmodelled() || cli.action() == FioAction.SHOW_COMMAND) {
                return;
            }
            List<IgnoredOption> all = List.copyOf(unmodelled);
            IgnoredOption first = all.get(0);
            String more = all.size() == 1 ? "" : " (also not modelled: " + String.join(", ",
                    all.subList(1, all.size()).stream().map(IgnoredOption::toString).toList()) + ")";
            throw new IllegalArgumentException(first.origin() + ": " + first.text() + " " + first.why() + "; "
                    + CommandLineJobs.ALLOW_UNMODELLED + " runs without it" + more);
        }

        /**
         * Rejects unknown names at once (with the nearest valid one) and mqvio run's own options given as a job's;
         * records the options irrelevant to a model and the ones not modelled yet.
         */
        private void check(RawOption o) {
            if (FioOptions.modelled(o.name()).isPresent()) {
                return;
            }
            FioOptions.Classified c = FioOptions.classified(o.name())
                    .orElseThrow(() -> new IllegalArgumentException(FioOptions.unknown(o)));
            IgnoredOption ignored = new IgnoredOption(o.name(), o.value() == null ? "" : o.value(), o.origin(), c.why());
            switch (c.treatment()) {
                case IRRELEVANT -> notApplicable.add(ignored);
                case UNMODELLED -> unmodelled.add(ignored);
                case COMMAND -> throw new IllegalArgumentException(o.origin() + ": " + o.name() + " is " + c.why()
                        + ", not a job's option; allowed: --" + o.name() + " on mqvio run's command line");
            }
        }

        /** The typed values of the modelled options, later ones winning; kb_base is read first. */
        private Map<FioOption, Object> values(List<RawOption> options) {
            int kbBase = 1024;
            for (RawOption o : options) {
                if (FioOptions.modelled(o.name()).orElse(null) == FioOption.KB_BASE) {
                    kbBase = (int) (long) (Long) parse(FioOption.KB_BASE, o, 1024);
                }
            }
            Map<FioOption, Object> values = new EnumMap<>(FioOption.class);
            Map<FioOption, RawOption> where = new EnumMap<>(FioOption.class);
            for (RawOption o : options) {
                FioOption opt = FioOptions.modelled(o.name()).orElse(null);
                if (opt == null) {
                    continue;
                }
                Object v = parse(opt, o, kbBase);
                if (opt == FioOption.RWMIXWRITE) {
                    opt = FioOption.RWMIXREAD;
                    v = 100 - (Long) v;
                }
                values.put(opt, v);
                where.put(opt, o);
            }
            checkSizes(values, where);
            checkBlockAligned(values, where, FioOption.OFFSET);
            return values;
        }

        /** bs and blockalign: whole sectors, bs from 512 to 16m (per direction). */
        private static void checkSizes(Map<FioOption, Object> values, Map<FioOption, RawOption> where) {
            for (FioOption option : List.of(FioOption.BS, FioOption.BLOCKALIGN)) {
                @SuppressWarnings("unchecked")
                ByDirection<Long> v = (ByDirection<Long>) values.get(option);
                if (v == null) {
                    continue;
                }
                for (Long size : java.util.Arrays.asList(v.read(), v.write())) {
                    if (size != null && (size % 512 != 0 || size == 0 || (option == FioOption.BS && size > 16L << 20))) {
                        throw new IllegalArgumentException(where.get(option).origin() + ": " + where.get(option).text()
                                + " is invalid; allowed: a multiple of 512 bytes from 512"
                                + (option == FioOption.BS ? " to 16m" : "") + ", per direction as R,W, e.g. 4k");
                    }
                }
            }
        }

        private static void checkBlockAligned(Map<FioOption, Object> values, Map<FioOption, RawOption> where,
                                              FioOption option) {
            Long v = (Long) values.get(option);
            if (v != null && v % 512 != 0) {
                RawOption o = where.get(option);
                throw new IllegalArgumentException(o.origin() + ": " + o.text() + " is invalid; allowed: a multiple of"
                        + " 512 bytes, e.g. 4k");
            }
        }

        private static Object parse(FioOption opt, RawOption o, int kbBase) {
            try {
                return opt.parse(o.value(), kbBase);
            } catch (BadValueException e) {
                throw new IllegalArgumentException(o.origin() + ": " + o.text() + " is invalid; allowed: " + e.allowed()
                        + (e.suggestion() == null ? "" : "; did you mean '" + e.suggestion() + "'?"));
            }
        }

        /**
         * The job's {@code read_iolog} trace, read with its replay options, and its {@code write_iolog} file. A
         * replayed trace replaces the options that generate I/O (rw, bs, size, offset, io_size, number_ios): the
         * clones issue the traced I/Os until the trace ends or the runtime does.
         */
        private IoLog ioLog(RawSection s, String name, Map<FioOption, Object> v) {
            String read = (String) v.get(FioOption.READ_IOLOG);
            String write = (String) v.get(FioOption.WRITE_IOLOG);
            List<TracedIo> replay = List.of();
            try {
                if (read != null) {
                    ReplayOptions options = new ReplayOptions((Boolean) v.getOrDefault(FioOption.REPLAY_NO_STALL, false),
                            (Long) v.getOrDefault(FioOption.REPLAY_TIME_SCALE, 100L),
                            (Long) v.getOrDefault(FioOption.REPLAY_ALIGN, 0L),
                            (Long) v.getOrDefault(FioOption.REPLAY_SCALE, 1L));
                    replay = TraceFiles.read(Path.of(read), options);
                    notes.add("job '" + name + "' replays " + replay.size() + " traced I/Os from " + read
                            + "; its rw, bs, size, offset, io_size and number_ios do not apply");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(s.origin() + ": job '" + name + "': " + e.getMessage(), e);
            }
            return new IoLog(replay, Optional.ofNullable(write).map(Path::of));
        }

        private PlannedJob job(RawSection s, Map<FioOption, Object> v, int group, Map<String, String> own) {
            String name = (String) v.getOrDefault(FioOption.NAME, s.name());
            AccessOptions.RwChoice rwChoice = (AccessOptions.RwChoice) v.getOrDefault(FioOption.RW,
                    new AccessOptions.RwChoice(ReadWrite.READ, 0));
            ReadWrite rw = rwChoice.rw();
            long size = (Long) v.getOrDefault(FioOption.SIZE, 0L);
            long ioSize = (Long) v.getOrDefault(FioOption.IO_SIZE, 0L);
            long numberIos = (Long) v.getOrDefault(FioOption.NUMBER_IOS, 0L);
            long runtime = (Long) v.getOrDefault(FioOption.RUNTIME, 0L);
            boolean timeBased = (Boolean) v.getOrDefault(FioOption.TIME_BASED, false);
            IoLog ioLog = ioLog(s, name, v);
            boolean fillDevice = (Boolean) v.getOrDefault(FioOption.FILL_DEVICE, false);
            if (runtime == 0 && !ioLog.replays() && (timeBased || (size == 0 && ioSize == 0 && numberIos == 0
                    && !fillDevice))) {
                runtime = DEFAULT_RUNTIME_NS;
                notes.add("job '" + name + "' (" + s.origin() + ") " + (timeBased ? "is time_based without a runtime"
                        : "sets none of runtime, size, io_size and number_ios") + ": it runs for 1 simulated second");
            }
            long limit = ioSize > 0 ? ioSize : (timeBased ? 0 : size);
            if (v.containsKey(FioOption.RANDREPEAT) && !(Boolean) v.get(FioOption.RANDREPEAT)
                    && !v.containsKey(FioOption.RANDSEED)) {
                notes.add("job '" + name + "': randrepeat=0 has no effect, a simulated run is always repeatable;"
                        + " its offsets follow --seed (or randseed)");
            }
            long sample = (Long) v.getOrDefault(FioOption.IOPSAVGTIME, v.getOrDefault(FioOption.BWAVGTIME, 0L));
            Long seed = (Long) v.get(FioOption.RANDSEED);
            @SuppressWarnings("unchecked")
            List<Integer> cpus = (List<Integer>) v.getOrDefault(FioOption.CPUS_ALLOWED, List.of());
            JobLogs logs = JobLogs.of(v, name);
            JobSpec spec;
            try {
                AccessPattern access = AccessOptions.pattern(v, rw, rwChoice.modifier(), DEFAULT_BS);
                spec = new JobSpec(name, rw, access.readSizes().orElseThrow().min(), (int) (long) (Long) v.getOrDefault(FioOption.IODEPTH, 1L),
                        (int) (long) (Long) v.getOrDefault(FioOption.NUMJOBS, 1L), runtime,
                        (Long) v.getOrDefault(FioOption.RAMP_TIME, 0L), size,
                        (int) (long) (Long) v.getOrDefault(FioOption.RWMIXREAD, 50L),
                        (Long) v.getOrDefault(FioOption.OFFSET, 0L), limit, numberIos,
                        seed == null ? OptionalLong.empty() : OptionalLong.of(seed), cpus, sample, pacing(v), access,
                        ioLog, logs.any(), VerifyOptions.of(v));
            } catch (BadValueException e) {
                throw new IllegalArgumentException(s.origin() + ": job '" + name + "': " + e.allowed(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(s.origin() + ": job '" + name + "': " + e.getMessage(), e);
            }
            if (ioLog.replays() && (spec.verification().verifies() || spec.verification().fillDevice())) {
                throw new IllegalArgumentException(s.origin() + ": job '" + name + "': verify and fill_device with"
                        + " read_iolog are not modelled (a replayed trace's writes carry no verify blocks); allowed:"
                        + " verify or fill_device, or read_iolog");
            }
            if (ioLog.record().isPresent() && spec.numjobs() > 1) {
                throw new IllegalArgumentException(s.origin() + ": job '" + name + "': write_iolog with numjobs="
                        + spec.numjobs() + " would mix the clones' I/Os in one file; allowed: numjobs=1");
            }
            double[] percentiles = (double[]) v.getOrDefault(FioOption.PERCENTILE_LIST, SimulationRun.PERCENTILES);
            return new PlannedJob(spec, group, (Boolean) v.getOrDefault(FioOption.GROUP_REPORTING, false),
                    percentiles, own, (String) v.getOrDefault(FioOption.DESCRIPTION, ""), s.origin(), logs);
        }
    }

    /**
     * The job's timing options ({@code rate*}, {@code thinktime*}, {@code iodepth_batch*}, {@code startdelay},
     * {@code loops}, {@code latency_*}).
     */
    private static JobPacing pacing(Map<FioOption, Object> v) {
        RateLimit rate = new RateLimit(perDirection(v, FioOption.RATE), perDirection(v, FioOption.RATE_IOPS),
                perDirection(v, FioOption.RATE_MIN), perDirection(v, FioOption.RATE_IOPS_MIN),
                "poisson".equals(v.get(FioOption.RATE_PROCESS)) ? RateLimit.Process.POISSON : RateLimit.Process.LINEAR,
                (Long) v.getOrDefault(FioOption.RATE_CYCLE, RateLimit.DEFAULT_CYCLE_NS),
                (Boolean) v.getOrDefault(FioOption.RATE_IGNORE_THINKTIME, false));
        ThinkTime think = new ThinkTime((Long) v.getOrDefault(FioOption.THINKTIME, 0L),
                (Long) v.getOrDefault(FioOption.THINKTIME_SPIN, 0L), (Long) v.getOrDefault(FioOption.THINKTIME_BLOCKS, 1L),
                "issue".equals(v.get(FioOption.THINKTIME_BLOCKS_TYPE)), (Long) v.getOrDefault(FioOption.THINKTIME_IOTIME, 0L),
                v.containsKey(FioOption.THINKTIME_BLOCKS));
        BatchPolicy batch = new BatchPolicy(integer(v, FioOption.IODEPTH_BATCH, 1),
                integer(v, FioOption.IODEPTH_BATCH_COMPLETE_MIN, 1), integer(v, FioOption.IODEPTH_BATCH_COMPLETE_MAX, 0),
                integer(v, FioOption.IODEPTH_LOW, 0));
        long[] delay = (long[]) v.getOrDefault(FioOption.STARTDELAY, new long[] {0, 0});
        LatencyTarget latency = new LatencyTarget((Long) v.getOrDefault(FioOption.LATENCY_TARGET, 0L),
                (Long) v.getOrDefault(FioOption.LATENCY_WINDOW, 0L),
                (Double) v.getOrDefault(FioOption.LATENCY_PERCENTILE, 100.0),
                (Boolean) v.getOrDefault(FioOption.LATENCY_RUN, false));
        return new JobPacing(delay[0], delay[1], integer(v, FioOption.LOOPS, 1), rate, think, batch, latency);
    }

    private static PerDirection perDirection(Map<FioOption, Object> v, FioOption option) {
        return (PerDirection) v.getOrDefault(option, PerDirection.ZERO);
    }

    private static int integer(Map<FioOption, Object> v, FioOption option, long fioDefault) {
        return (int) (long) (Long) v.getOrDefault(option, fioDefault);
    }

    /** Whether {@code name} is a fio option mqvio models (its fio name or an alias). */
    public static boolean isModelledOption(String name) {
        return FioOptions.modelled(name).isPresent();
    }

    /** Whether fio knows the option {@code name}: one mqvio models, or one it classifies (irrelevant or not modelled). */
    public static boolean isFioOption(String name) {
        return FioOptions.modelled(name).isPresent() || FioOptions.classified(name).isPresent();
    }

    /** Every option name fio knows: the modelled ones (with aliases), then the others. */
    public static List<String> fioOptionNames() {
        return FioOptions.names();
    }

    /** Up to three candidates nearest to {@code word} by edit distance, nearest first (for "did you mean"). */
    public static List<String> nearestNames(String word, Collection<String> candidates) {
        return EditDistance.nearest(word, candidates, 3);
    }

    /** The fio names of the options mqvio models, sorted. */
    public static List<String> modelledOptions() {
        return java.util.Arrays.stream(FioOption.values()).map(FioOption::fioName).sorted().toList();
    }


    /** fio's percentile key: {@code "99.000000"}. */
    public static String percentileKey(double p) {
        return String.format(Locale.ROOT, "%.6f", p);
    }
}
