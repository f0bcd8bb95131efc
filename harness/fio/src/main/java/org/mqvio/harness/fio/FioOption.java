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
    RW("rw", List.of("readwrite"), Type.RW, "the access pattern (default: read)"),
    RWMIXREAD("rwmixread", List.of(), Type.PERCENT, "percentage of reads in rw/randrw (default: 50)"),
    RWMIXWRITE("rwmixwrite", List.of(), Type.PERCENT, "percentage of writes in rw/randrw (default: 50)"),
    BS("bs", List.of("blocksize"), Type.SIZE, "bytes per I/O, a multiple of 512 (default: 4k)"),
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
    READ_IOLOG("read_iolog", List.of(), Type.STRING, "replay this trace: a fio iolog (version 2 or 3) or a blktrace"
            + " binary file, in order, honouring its times and iodepth"),
    WRITE_IOLOG("write_iolog", List.of(), Type.STRING, "record the issued I/Os to this file as a fio iolog (version 3)"),
    REPLAY_NO_STALL("replay_no_stall", List.of(), Type.BOOL, "replay as fast as iodepth allows, ignoring the trace's"
            + " times (default: 0)"),
    REPLAY_TIME_SCALE("replay_time_scale", List.of(), Type.COUNT, "percent of the trace's rate: 200 replays twice as"
            + " fast (default: 100)"),
    REPLAY_ALIGN("replay_align", List.of(), Type.SIZE, "align traced offsets down to this power of 2 (default: 0,"
            + " none)"),
    REPLAY_SCALE("replay_scale", List.of(), Type.COUNT, "divide traced offsets by this (default: 1)");

    /** How a value is written and what it means. */
    enum Type {
        STRING, RW, PERCENT, SIZE, DEPTH, CLONES, SECONDS, MILLISECONDS, BOOL, COUNT, PERCENTILES, SEED, CPUS, KB_BASE
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
        if (value == null && type != Type.BOOL) {
            throw new BadValueException(allowed() + "; the option needs a value (" + fioName + "=VALUE)");
        }
        return switch (type) {
            case STRING -> {
                if (value.isBlank()) {
                    throw new BadValueException("a non-empty text");
                }
                yield value;
            }
            case RW -> readWrite(value);
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
        };
    }

    /** What a value may be, for messages. */
    String allowed() {
        return switch (type) {
            case STRING -> "a non-empty text";
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
        };
    }

    private static final List<String> RW_VALUES = List.of("read", "write", "randread", "randwrite", "rw", "readwrite",
            "randrw");
    private static final List<String> RW_NOT_MODELLED = List.of("trim", "randtrim", "trimwrite", "randtrimwrite");
    private static final String RW_ALLOWED = String.join(", ", RW_VALUES);

    private static ReadWrite readWrite(String value) throws BadValueException {
        String v = value.trim();
        if (RW_NOT_MODELLED.contains(v)) {
            throw new BadValueException(RW_ALLOWED + " (fio's " + v + " is not modelled yet)");
        }
        if (v.contains(":")) {
            throw new BadValueException(RW_ALLOWED + " (without fio's ':N' offset modifier)");
        }
        if (!RW_VALUES.contains(v)) {
            throw new BadValueException(RW_ALLOWED, EditDistance.nearest(v, RW_VALUES));
        }
        return ReadWrite.parse(v);
    }
}
