package org.mqvio.harness.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of a fio JSON report that scripts read, read the same way from fio's output and from mqvio's:
 * {@code "fio version"}, and per job its name, group, per-direction I/O, bandwidth, IOPS, runtime,
 * slat/clat/lat and clat percentiles, IOPS samples, and CPU. A missing key or a value of the wrong type is
 * an error naming its path, so reading a report is also checking its structure.
 *
 * @param version the {@code "fio version"} value ({@code fio-3.x} or {@code mqvio-x.y.z})
 * @param jobs    the {@code jobs[]} entries
 */
public record FioJsonSummary(String version, List<Job> jobs) {
    /** One {@code jobs[]} entry. */
    public record Job(String jobname, long groupid, Direction read, Direction write, Direction trim, double usrCpu,
                      double sysCpu, long ctx, Map<String, Double> iodepthLevel) {
    }

    /** One direction's block ({@code read}, {@code write}, {@code trim}). */
    public record Direction(long ioBytes, long bwBytes, long bw, double iops, long runtimeMs, long totalIos,
                            Latency slat, Latency clat, Latency lat, Map<String, Long> clatPercentiles,
                            double iopsMean, double bwMean) {
    }

    /** A latency block ({@code slat_ns}, {@code clat_ns}, {@code lat_ns}). */
    public record Latency(long min, long max, double mean, double stddev, long n) {
    }

    /**
     * Reads fio JSON text.
     *
     * @throws IllegalArgumentException for bad JSON or a missing or mistyped key, naming its path
     */
    public static FioJsonSummary read(String json) {
        JsonNode doc = object(Json.parse(json), "$");
        String version = string(doc, "fio version", "$");
        List<Job> jobs = new ArrayList<>();
        JsonNode list = array(doc.get("jobs"), "$.jobs");
        for (int i = 0; i < list.size(); i++) {
            String p = "$.jobs[" + i + "]";
            JsonNode j = object(list.get(i), p);
            Map<String, Double> depth = new LinkedHashMap<>();
            object(j.get("iodepth_level"), p + ".iodepth_level").properties().forEach(e -> depth.put(e.getKey(),
                    number(e.getValue(), p + ".iodepth_level." + e.getKey())));
            jobs.add(new Job(string(j, "jobname", p), integer(j, "groupid", p), direction(j, "read", p),
                    direction(j, "write", p), direction(j, "trim", p), number(j.get("usr_cpu"), p + ".usr_cpu"),
                    number(j.get("sys_cpu"), p + ".sys_cpu"), integer(j, "ctx", p), depth));
        }
        return new FioJsonSummary(version, List.copyOf(jobs));
    }

    private static Direction direction(JsonNode job, String name, String parent) {
        String p = parent + "." + name;
        JsonNode d = object(job.get(name), p);
        JsonNode clat = object(d.get("clat_ns"), p + ".clat_ns");
        Map<String, Long> percentiles = new LinkedHashMap<>();
        if (clat.has("percentile")) {
            object(clat.get("percentile"), p + ".clat_ns.percentile").properties().forEach(e -> percentiles.put(
                    e.getKey(), (long) number(e.getValue(), p + ".clat_ns.percentile." + e.getKey())));
        }
        return new Direction(integer(d, "io_bytes", p), integer(d, "bw_bytes", p), integer(d, "bw", p),
                number(d.get("iops"), p + ".iops"), integer(d, "runtime", p), integer(d, "total_ios", p),
                latency(d, "slat_ns", p), latency(d, "clat_ns", p), latency(d, "lat_ns", p), percentiles,
                number(d.get("iops_mean"), p + ".iops_mean"), number(d.get("bw_mean"), p + ".bw_mean"));
    }

    private static Latency latency(JsonNode d, String name, String parent) {
        String p = parent + "." + name;
        JsonNode l = object(d.get(name), p);
        return new Latency(integer(l, "min", p), integer(l, "max", p), number(l.get("mean"), p + ".mean"),
                number(l.get("stddev"), p + ".stddev"), integer(l, "N", p));
    }

    private static JsonNode object(JsonNode v, String path) {
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException(path + ": " + (v == null ? "missing" : "not an object"));
        }
        return v;
    }

    private static JsonNode array(JsonNode v, String path) {
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(path + ": " + (v == null ? "missing" : "not an array"));
        }
        return v;
    }

    private static String string(JsonNode m, String key, String parent) {
        JsonNode v = m.get(key);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(parent + "." + key + ": " + (v == null ? "missing" : "not a string"));
        }
        return v.textValue();
    }

    private static long integer(JsonNode m, String key, String parent) {
        JsonNode v = m.get(key);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(parent + "." + key + ": " + (v == null ? "missing" : "not an integer"));
        }
        return v.longValue();
    }

    private static double number(JsonNode v, String path) {
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(path + ": " + (v == null ? "missing" : "not a number"));
        }
        return v.doubleValue();
    }
}
