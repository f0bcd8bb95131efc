package org.mqvio.harness.fio;

import java.util.List;
import org.mqvio.harness.workload.ReadWrite;

/**
 * The fio options mqvio models, with fio's names, aliases, defaults and value syntax. Every other fio option
 * is classified in {@code fio-option-classes.txt} ({@link FioOptions}).
 */
enum FioOption {
    NAME("name", List.of(), Type.STRING, "the job's name (default: the section's)"),
    DESCRIPTION("description", List.of(), Type.STRING, "free text describing the job"),
    RW("rw", List.of("readwrite"), Type.RW, "the access pattern, with fio's optional :N (default: read)"),
    RWMIXREAD("rwmixread", List.of(), Type.PERCENT, "percentage of reads in rw/randrw (default: 50)"),
    RWMIXWRITE("rwmixwrite", List.of(), Type.PERCENT, "percentage of writes in rw/randrw (default: 50)"),
    BS("bs", List.of("blocksize"), Type.SIZES, "bytes per I/O, a multiple of 512, per direction as R,W (default: 4k)"),
    SIZE("size", List.of(), Type.SIZE, "the region addressed, and the amount each clone does unless time_based"
            + " (default: the whole device)"),
    IO_SIZE("io_size", List.of("io_limit"), Type.SIZE, "the amount each clone does, independently of size"),
    OFFSET("offset", List.of("fileoffset"), Type.SIZE, "start of the region, a multiple of 512 (default: 0)"),
    IODEPTH("iodepth", List.of(), Type.DEPTH, "I/Os each clone keeps in flight (default: 1)"),
    NUMJOBS("numjobs", List.of(), Type.CLONES, "clones of the job, each on its own vCPU by default (default: 1)"),
    RUNTIME("runtime", List.of("timeout"), Type.SECONDS, "time limit after the ramp; a bare number is seconds"),
    TIME_BASED("time_based", List.of(), Type.BOOL, "run for runtime even when size was done (default: 0)"),
    RAMP_TIME("ramp_time", List.of(), Type.SECONDS, "time before measuring starts (default: 0)"),
    NUMBER_IOS("number_ios", List.of(), Type.COUNT, "stop each clone after this many I/Os (default: 0, no limit)"),
    GROUP_REPORTING("group_reporting", List.of(), Type.BOOL, "report a group's clones and jobs as one (default: 0)"),
    PERCENTILE_LIST("percentile_list", List.of(), Type.PERCENTILES, "the clat percentiles reported"),
    RANDREPEAT("randrepeat", List.of("allrandrepeat"), Type.BOOL, "repeatable offsets (default: 1; a simulated run always is)"),
    RANDSEED("randseed", List.of(), Type.SEED, "seed of the offsets, independent of --seed"),
    CPUS_ALLOWED("cpus_allowed", List.of(), Type.CPUS, "the guest vCPUs the clones run on, round robin"),
    STONEWALL("stonewall", List.of("wait_for_previous"), Type.BOOL, "start after the jobs before it have finished,"
            + " in a new group (default: 0)"),
    NEW_GROUP("new_group", List.of(), Type.BOOL, "start a new reporting group (default: 0)"),
    KB_BASE("kb_base", List.of(), Type.KB_BASE, "1024 (default) or 1000: the base of size suffixes"),
    IOPSAVGTIME("iopsavgtime", List.of(), Type.MILLISECONDS, "width of an IOPS sample; a bare number is ms"
            + " (default: 500, narrowed to a tenth of a shorter runtime)"),
    BWAVGTIME("bwavgtime", List.of(), Type.MILLISECONDS, "width of a bandwidth sample; a bare number is ms"
            + " (default: as iopsavgtime)"),
    RATE("rate", List.of(), Type.PER_DIRECTION, "bandwidth cap in bytes/s per clone, READ[,WRITE] (one value: both;"
            + " an empty part: uncapped), sizes as bs (default: none)"),
    RATE_MIN("rate_min", List.of("ratemin"), Type.PER_DIRECTION, "minimum bandwidth in bytes/s, READ[,WRITE]: the"
            + " job fails with fio's message when below it over a rate_cycle after 2 s (default: none)"),
    RATE_IOPS("rate_iops", List.of(), Type.PER_DIRECTION, "I/O cap per second per clone, READ[,WRITE] (default: none)"),
    RATE_IOPS_MIN("rate_iops_min", List.of(), Type.PER_DIRECTION, "minimum I/Os per second, READ[,WRITE], checked as"
            + " rate_min (default: none)"),
    RATE_PROCESS("rate_process", List.of(), Type.RATE_PROCESS, "how rated I/Os are spaced: linear or poisson"
            + " (exponential gaps) (default: linear)"),
    RATE_CYCLE("rate_cycle", List.of("ratecycle"), Type.MILLISECONDS, "the window of the minimum-rate check; a bare"
            + " number is ms (default: 1000)"),
    RATE_IGNORE_THINKTIME("rate_ignore_thinktime", List.of(), Type.BOOL, "think time does not lower the rate"
            + " (default: 0)"),
    THINKTIME("thinktime", List.of(), Type.MICROSECONDS, "pause after every thinktime_blocks I/Os, once the I/O in"
            + " flight has completed; a bare number is us (default: 0)"),
    THINKTIME_SPIN("thinktime_spin", List.of(), Type.MICROSECONDS, "the part of thinktime spent busy on the clone's"
            + " vCPU; a bare number is us (default: 0)"),
    THINKTIME_BLOCKS("thinktime_blocks", List.of(), Type.DEPTH, "I/Os between think-time pauses (default: 1)"),
    THINKTIME_BLOCKS_TYPE("thinktime_blocks_type", List.of(), Type.THINK_BLOCKS_TYPE, "what thinktime_blocks counts:"
            + " complete or issue (default: complete)"),
    THINKTIME_IOTIME("thinktime_iotime", List.of(), Type.SECONDS, "also pause once this much time of I/O has passed"
            + " since the last pause; without thinktime_blocks only the time counts; a bare number is seconds"
            + " (default: 0)"),
    IODEPTH_BATCH("iodepth_batch", List.of("iodepth_batch_submit"), Type.BATCH, "I/Os queued before they are"
            + " submitted together; 0 is iodepth (default: 1)"),
    IODEPTH_BATCH_COMPLETE_MIN("iodepth_batch_complete_min", List.of("iodepth_batch_complete"), Type.BATCH,
            "completions one reap waits for (default: 1)"),
    IODEPTH_BATCH_COMPLETE_MAX("iodepth_batch_complete_max", List.of(), Type.BATCH, "completions one reap takes at"
            + " most (default: iodepth_batch_complete_min)"),
    IODEPTH_LOW("iodepth_low", List.of(), Type.BATCH, "once the queue is full, reap down to this depth before"
            + " submitting again; 0 is iodepth (default: iodepth)"),
    STARTDELAY("startdelay", List.of(), Type.SECONDS_RANGE, "start the clones this late, or LOW-HIGH: a random delay"
            + " per clone; a bare number is seconds (default: 0)"),
    LOOPS("loops", List.of(), Type.DEPTH, "times each clone does its I/O amount (default: 1)"),
    LATENCY_TARGET("latency_target", List.of(), Type.MICROSECONDS, "search for the deepest queue whose total latency"
            + " meets this target; a bare number is us (default: none)"),
    LATENCY_WINDOW("latency_window", List.of(), Type.MICROSECONDS, "how long each depth of the search is tried; a"
            + " bare number is us (default: 0)"),
    LATENCY_PERCENTILE("latency_percentile", List.of(), Type.PERCENT_FLOAT, "the share of I/Os, in %, that must meet"
            + " latency_target (default: 100)"),
    LATENCY_RUN("latency_run", List.of(), Type.BOOL, "keep adjusting the depth for the whole run (default: 0)"),
    BSRANGE("bsrange", List.of("blocksize_range"), Type.SIZE_RANGES, "sizes drawn in LOW-HIGH, multiples of LOW,"
            + " per direction as R,W"),
    BSSPLIT("bssplit", List.of(), Type.BSSPLIT, "sizes drawn by percentage: SIZE/PERCENT:..., per direction as R,W"),
    BLOCKALIGN("blockalign", List.of("ba"), Type.SIZES, "alignment of random offsets, per direction as R,W"
            + " (default: the smallest size)"),
    BS_IS_SEQ_RAND("bs_is_seq_rand", List.of(), Type.BOOL, "bs R,W means sequential,random rather than read,write"
            + " (default: 0)"),
    RANDOM_DISTRIBUTION("random_distribution", List.of(), Type.DISTRIBUTION, "random, zipf, pareto, normal, zoned or"
            + " zoned_abs (default: random)"),
    PERCENTAGE_RANDOM("percentage_random", List.of(), Type.PERCENTS, "share of a random job's I/Os at random offsets,"
            + " per direction as R,W (default: 100)"),
    NORANDOMMAP("norandommap", List.of(), Type.BOOL, "draw random offsets with replacement, without fio's map of used"
            + " blocks (default: 0: each block once per pass)"),
    RANDOM_GENERATOR("random_generator", List.of(), Type.GENERATOR, "tausworthe or tausworthe64 (uniform draws), or"
            + " lfsr: each block once per pass in a fixed order, without a map (default: tausworthe)"),
    RW_SEQUENCER("rw_sequencer", List.of(), Type.SEQUENCER, "between rw=rand...:N's random offsets: sequential or"
            + " identical (default: sequential)"),
    OFFSET_INCREMENT("offset_increment", List.of(), Type.SIZE, "clone k starts k times this after offset"
            + " (default: 0)"),
    ZONEMODE("zonemode", List.of(), Type.ZONEMODE, "none or strided (default: strided when zonesize is set)"),
    ZONESIZE("zonesize", List.of(), Type.SIZE, "bytes of I/O in one zone before moving to the next"),
    ZONERANGE("zonerange", List.of(), Type.SIZE, "a zone's length (default: zonesize)"),
    ZONESKIP("zoneskip", List.of(), Type.SIZE, "bytes skipped between zones (default: 0)"),
    WRITE_LAT_LOG("write_lat_log", List.of(), Type.LOG_NAME, "write fio's latency logs PREFIX_lat.N.log,"
            + " PREFIX_clat.N.log, PREFIX_slat.N.log (N: the clone's thread number; bare: the job's name)"),
    WRITE_BW_LOG("write_bw_log", List.of(), Type.LOG_NAME, "write fio's bandwidth log PREFIX_bw.N.log"),
    WRITE_IOPS_LOG("write_iops_log", List.of(), Type.LOG_NAME, "write fio's IOPS log PREFIX_iops.N.log"),
    LOG_AVG_MSEC("log_avg_msec", List.of(), Type.MILLISECONDS, "average log entries over this many ms of the"
            + " run's time (default: 0, one entry per I/O)"),
    LOG_OFFSET("log_offset", List.of(), Type.BOOL, "add each I/O's offset to the log lines (default: 0)"),
    WRITE_HIST_LOG("write_hist_log", List.of(), Type.LOG_NAME, "write fio's completion latency histogram log"
            + " PREFIX_clat_hist.N.log (empty unless log_hist_msec is set)"),
    LOG_HIST_MSEC("log_hist_msec", List.of(), Type.MILLISECONDS, "one histogram log entry per direction every this"
            + " many ms of the run's time (default: 0, none)"),
    LOG_HIST_COARSENESS("log_hist_coarseness", List.of(), Type.COARSENESS, "each step halves the histogram log's"
            + " bins (default: 0, fio's 1856 bins)"),
    READ_IOLOG("read_iolog", List.of(), Type.STRING, "replay this trace: a fio iolog (version 2 or 3) or a blktrace"
            + " binary file, in order, honouring its times and iodepth"),
    WRITE_IOLOG("write_iolog", List.of(), Type.STRING, "record the issued I/Os to this file as a fio iolog (version 3)"),
    REPLAY_NO_STALL("replay_no_stall", List.of(), Type.BOOL, "replay as fast as iodepth allows, ignoring the trace's"
            + " times (default: 0)"),
    REPLAY_TIME_SCALE("replay_time_scale", List.of(), Type.COUNT, "percent of the trace's rate: 200 replays twice as"
            + " fast (default: 100)"),
    REPLAY_ALIGN("replay_align", List.of(), Type.SIZE, "align traced offsets down to this power of 2 (default: 0,"
            + " none)"),
    REPLAY_SCALE("replay_scale", List.of(), Type.COUNT, "divide traced offsets by this (default: 1)"),
    VERIFY("verify", List.of(), Type.VERIFY, "write fio's verify blocks (header and checksum) and read them back"
            + " to check them; needs --set nvme.memory_backed=true (default: 0, none)"),
    DO_VERIFY("do_verify", List.of(), Type.BOOL, "read back and check after the write phase (default: 1)"),
    VERIFY_INTERVAL("verify_interval", List.of(), Type.SIZE, "bytes per verify header (default: the write size)"),
    VERIFY_OFFSET("verify_offset", List.of(), Type.SIZE, "store each header this far into its interval, swapped"
            + " with the data there (default: 0)"),
    VERIFY_PATTERN("verify_pattern", List.of(), Type.VERIFY_PATTERN, "write this pattern instead of random data and"
            + " check it (hex, \"text\", decimal, %o for the block's offset)"),
    VERIFY_FATAL("verify_fatal", List.of(), Type.BOOL, "stop checking a block at its first bad interval (default: 0)"),
    VERIFY_BACKLOG("verify_backlog", List.of(), Type.COUNT, "read back written blocks every this many writes"
            + " (default: 0, after the write phase)"),
    VERIFY_BACKLOG_BATCH("verify_backlog_batch", List.of(), Type.COUNT, "blocks read back each time"
            + " (default: verify_backlog)"),
    VERIFY_WRITE_SEQUENCE("verify_write_sequence", List.of(), Type.BOOL, "check the header's write number"
            + " (default: 1)"),
    VERIFY_HEADER_SEED("verify_header_seed", List.of(), Type.BOOL, "check the header's data seed (default: 1)"),
    FILL_DEVICE("fill_device", List.of("fill_fs"), Type.BOOL, "without size, do the region from offset to the"
            + " device's end (fio's size of the raw device; its end, not ENOSPC, ends the job) (default: 0)");

    /** How a value is written and what it means. */
    enum Type {
        STRING, RW, PERCENT, SIZE, DEPTH, CLONES, SECONDS, MILLISECONDS, BOOL, COUNT, PERCENTILES, SEED, CPUS, KB_BASE,
        PER_DIRECTION, RATE_PROCESS, MICROSECONDS, THINK_BLOCKS_TYPE, BATCH, SECONDS_RANGE, PERCENT_FLOAT,
        SIZES, SIZE_RANGES, BSSPLIT, PERCENTS, DISTRIBUTION, SEQUENCER, ZONEMODE, LOG_NAME, COARSENESS, VERIFY, VERIFY_PATTERN, GENERATOR
    }

    private final String fioName;
    private final List<String> aliases;
    private final Type type;
    private final String help;

    FioOption(String fioName, List<String> aliases, Type type, String help) {
        this.fioName = fioName;
        this.aliases = aliases;
        this.type = type;
        this.help = help;
    }

    String fioName() {
        return fioName;
    }

    List<String> aliases() {
        return aliases;
    }

    Type type() {
        return type;
    }

    String help() {
        return help;
    }

    /**
     * Parses a value of this option ({@code null} for a bare name) into its typed form: String, ReadWrite,
     * Long, Boolean, double[] or List of Integer.
     */
    Object parse(String value, int kbBase) throws BadValueException {
        if (value == null && type != Type.BOOL && type != Type.LOG_NAME) {
            throw new BadValueException(allowed() + "; the option needs a value (" + fioName + "=VALUE)");
        }
        return switch (type) {
            case STRING -> {
                if (value.isBlank()) {
                    throw new BadValueException("a non-empty text");
                }
                yield value;
            }
            case LOG_NAME -> value == null ? "" : value;
            case RW -> readWrite(value, kbBase);
            case PERCENT -> FioValues.integer(value, 0, 100);
            case SIZE -> FioValues.size(value, kbBase);
            case DEPTH -> FioValues.integer(value, 1, 65_535);
            case CLONES -> FioValues.integer(value, 1, 4_096);
            case COUNT -> {
                try {
                    yield FioValues.size(value, kbBase);
                } catch (BadValueException e) {
                    throw new BadValueException("an integer >= 0 with an optional suffix k, m, g");
                }
            }
            case SECONDS -> FioValues.time(value, 1_000_000_000L);
            case MILLISECONDS -> FioValues.time(value, 1_000_000L);
            case BOOL -> FioValues.bool(value);
            case PERCENTILES -> FioValues.percentiles(value);
            case SEED -> FioValues.unsigned(value);
            case CPUS -> FioValues.cpuList(value);
            case KB_BASE -> {
                long v = FioValues.integer(value, 1000, 1024);
                if (v != 1000 && v != 1024) {
                    throw new BadValueException("1000 or 1024");
                }
                yield v;
            }
            case PER_DIRECTION -> FioValues.perDirection(value, kbBase);
            case RATE_PROCESS -> choice(value, List.of("linear", "poisson"));
            case MICROSECONDS -> FioValues.time(value, 1_000L);
            case THINK_BLOCKS_TYPE -> choice(value, List.of("complete", "issue"));
            case BATCH -> FioValues.integer(value, 0, 65_535);
            case COARSENESS -> FioValues.integer(value, 0, 6);
            case SECONDS_RANGE -> FioValues.timeRange(value, 1_000_000_000L);
            case PERCENT_FLOAT -> FioValues.percent(value);
            case SIZES -> AccessOptions.sizes(value, kbBase);
            case SIZE_RANGES -> AccessOptions.ranges(value, kbBase);
            case BSSPLIT -> AccessOptions.bssplit(value, kbBase);
            case PERCENTS -> AccessOptions.percents(value);
            case DISTRIBUTION -> AccessOptions.distribution(value, kbBase);
            case SEQUENCER -> choice(value, List.of("sequential", "identical"));
            case GENERATOR -> choice(value, GENERATORS);
            case ZONEMODE -> {
                if (value.trim().equals("zbd")) {
                    throw new BadValueException("none, strided (fio's zbd, zoned block devices, is not modelled)");
                }
                yield choice(value, List.of("none", "strided"));
            }
            case VERIFY -> VerifyOptions.type(value);
            case VERIFY_PATTERN -> VerifyOptions.pattern(value);
        };
    }

    /** What a value may be, for messages. */
    String allowed() {
        return switch (type) {
            case STRING -> "a non-empty text";
            case LOG_NAME -> "a file name prefix, or none for the job's name";
            case RW -> RW_ALLOWED;
            case PERCENT -> "an integer in [0, 100]";
            case SIZE -> FioValues.SIZE_ALLOWED;
            case DEPTH -> "an integer in [1, 65535]";
            case CLONES -> "an integer in [1, 4096]";
            case COUNT -> "an integer >= 0 with an optional suffix k, m, g";
            case SECONDS -> "a whole number with an optional unit us, ms, s, m, h, d (a bare number is seconds)";
            case MILLISECONDS -> "a whole number with an optional unit us, ms, s (a bare number is milliseconds)";
            case BOOL -> FioValues.BOOL_ALLOWED;
            case PERCENTILES -> FioValues.PERCENTILES_ALLOWED;
            case SEED -> "an unsigned 64-bit integer";
            case CPUS -> FioValues.CPU_LIST_ALLOWED;
            case KB_BASE -> "1000 or 1024";
            case PER_DIRECTION -> FioValues.PER_DIRECTION_ALLOWED;
            case RATE_PROCESS -> "linear, poisson";
            case MICROSECONDS -> "a whole number with an optional unit us, ms, s (a bare number is microseconds)";
            case THINK_BLOCKS_TYPE -> "complete, issue";
            case BATCH -> "an integer in [0, 65535]";
            case COARSENESS -> "an integer in [0, 6]";
            case SECONDS_RANGE -> "a duration, or a range LOW-HIGH, with an optional unit us, ms, s, m, h (a bare"
                    + " number is seconds)";
            case PERCENT_FLOAT -> FioValues.PERCENT_ALLOWED;
            case SIZES -> FioValues.SIZE_ALLOWED + ", per direction as R,W";
            case SIZE_RANGES -> AccessOptions.BSRANGE_ALLOWED;
            case BSSPLIT -> AccessOptions.BSSPLIT_ALLOWED;
            case PERCENTS -> "an integer in [0, 100], per direction as R,W";
            case DISTRIBUTION -> AccessOptions.DISTRIBUTION_ALLOWED;
            case SEQUENCER -> "sequential, identical";
            case GENERATOR -> String.join(", ", GENERATORS);
            case ZONEMODE -> "none, strided";
            case VERIFY -> "0, " + String.join(", ", org.mqvio.harness.workload.VerifyType.names());
            case VERIFY_PATTERN -> VerifyOptions.PATTERN_ALLOWED;
        };
    }

    private static final List<String> GENERATORS = List.of("tausworthe", "lfsr", "tausworthe64");
    private static final List<String> RW_VALUES = List.of("read", "write", "randread", "randwrite", "rw", "readwrite",
            "randrw");
    private static final List<String> RW_NOT_MODELLED = List.of("trim", "randtrim", "trimwrite", "randtrimwrite");
    private static final String RW_ALLOWED = String.join(", ", RW_VALUES);

    private static String choice(String value, List<String> choices) throws BadValueException {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!choices.contains(v)) {
            throw new BadValueException(String.join(", ", choices), EditDistance.nearest(v, choices));
        }
        return v;
    }

    /** A pattern with fio's optional {@code :N} modifier ({@link AccessOptions#rwModifier}). */
    private static AccessOptions.RwChoice readWrite(String value, int kbBase) throws BadValueException {
        int colon = value.indexOf(':');
        String v = (colon < 0 ? value : value.substring(0, colon)).trim();
        if (RW_NOT_MODELLED.contains(v)) {
            throw new BadValueException(RW_ALLOWED + " (fio's " + v + " is not modelled yet)");
        }
        if (!RW_VALUES.contains(v)) {
            throw new BadValueException(RW_ALLOWED, EditDistance.nearest(v, RW_VALUES));
        }
        ReadWrite rw = ReadWrite.parse(v);
        return new AccessOptions.RwChoice(rw, colon < 0 ? 0
                : AccessOptions.rwModifier(value.substring(colon + 1), rw.random(), kbBase));
    }
}
