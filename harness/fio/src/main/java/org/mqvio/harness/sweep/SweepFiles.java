package org.mqvio.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mqvio.harness.report.AtomicFile;
import org.mqvio.harness.report.Json;

/**
 * A sweep's results files: CSV (one row per point) and JSON lines (a header line, then one line per point).
 * A shard writes its points; {@link #merge} joins the shards' JSON lines files, checking they come from one
 * sweep and hold every point once. The files depend only on the points' results, never on the parallelism.
 */
public final class SweepFiles {
    /** The files of a whole sweep: {@code points.csv} and {@code points.jsonl}. */
    public static final String WHOLE = "points";

    /** RFC 4180 CSV: a cell is quoted only when it holds a comma, a quote or a line break (or starts with #). */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private SweepFiles() {
    }

    /** The base name of a shard's files: {@code points-shard-I-of-N}. */
    public static String shardName(int shard, int shards) {
        return "points-shard-" + shard + "-of-" + shards;
    }

    /** Writes {@code base.csv} and {@code base.jsonl} in {@code dir}, each atomically; returns them. */
    public static List<Path> write(Path dir, String base, SweepHeader header, List<PointRow> rows) {
        try {
            Files.createDirectories(dir);
            Path csv = dir.resolve(base + ".csv");
            Path jsonl = dir.resolve(base + ".jsonl");
            AtomicFile.writeString(csv, csv(header, rows));
            AtomicFile.writeString(jsonl, jsonLines(header, rows));
            return List.of(csv, jsonl);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep's files in " + dir + ": " + e.getMessage(), e);
        }
    }

    static String csv(SweepHeader header, List<PointRow> rows) {
        return csvHead(header) + csvRows(header, rows);
    }

    static String csvHead(SweepHeader header) {
        List<String> head = new ArrayList<>();
        head.add("point");
        header.parameters().forEach(p -> head.add(p.name()));
        head.addAll(PointMetrics.NAMES);
        return csvLines(List.of(head));
    }

    static String csvRows(SweepHeader header, List<PointRow> rows) {
        List<List<String>> lines = new ArrayList<>();
        for (PointRow r : rows) {
            List<String> row = new ArrayList<>();
            row.add(String.valueOf(r.index()));
            header.parameters().forEach(p -> row.add(r.parameters().get(p.name())));
            PointMetrics.NAMES.forEach(m -> row.add(PointMetrics.format(r.metrics().get(m))));
            lines.add(row);
        }
        return csvLines(lines);
    }

    private static String csvLines(List<List<String>> lines) {
        StringWriter out = new StringWriter();
        try (SequenceWriter w = CSV.writer(CsvSchema.emptySchema()).writeValues(out)) {
            for (List<String> line : lines) {
                w.write(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static String jsonLines(SweepHeader header, List<PointRow> rows) {
        StringBuilder sb = new StringBuilder(jsonHead(header));
        rows.forEach(r -> sb.append(jsonRow(r)));
        return sb.toString();
    }

    static String jsonHead(SweepHeader header) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("version", header.version());
        h.put("id", header.id());
        h.put("points", header.points());
        List<Object> params = new ArrayList<>();
        for (SweepParameter p : header.parameters()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.name());
            e.put("kind", p.kind().name().toLowerCase(Locale.ROOT));
            e.put("values", new ArrayList<Object>(p.values()));
            params.add(e);
        }
        h.put("parameters", params);
        h.put("x", header.x());
        h.put("metrics", new ArrayList<Object>(header.metrics()));
        h.put("design", header.design());
        h.put("shard", header.shard());
        return Json.writeLine(Map.of("mqvio_sweep", h)) + "\n";
    }

    static String jsonRow(PointRow r) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("point", r.index());
        line.put("parameters", new LinkedHashMap<String, Object>(r.parameters()));
        line.put("metrics", new LinkedHashMap<>(r.metrics()));
        return Json.writeLine(line) + "\n";
    }

    /** A results file read back. */
    public record Contents(SweepHeader header, List<PointRow> rows) {
    }

    /**
     * Reads a JSON lines results file.
     *
     * @throws IllegalArgumentException naming the file and line of anything malformed
     */
    public static Contents read(Path file) {
        return read(file, false);
    }

    /**
     * Reads a JSON lines results file; with {@code tornTail}, a last line without its line break (a sweep killed
     * while appending it) is dropped rather than refused.
     */
    private static Contents read(Path file, boolean tornTail) {
        List<String> lines;
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (tornTail && !text.isEmpty() && !text.endsWith("\n")) {
                text = text.substring(0, text.lastIndexOf('\n') + 1);
            }
            lines = text.lines().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("sweep results '" + file + "' cannot be read (" + e.getMessage()
                    + "); allowed: a .jsonl file written by mqvio sweep");
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty; allowed: a .jsonl file written by mqvio sweep");
        }
        SweepHeader header;
        try {
            JsonNode h = Json.parse(lines.get(0)).required("mqvio_sweep");
            List<SweepParameter> params = new ArrayList<>();
            for (JsonNode p : h.required("parameters")) {
                params.add(new SweepParameter(text(p, "name"),
                        SweepParameter.Kind.valueOf(text(p, "kind").toUpperCase(Locale.ROOT)), texts(p, "values")));
            }
            header = new SweepHeader(text(h, "version"), text(h, "id"), whole(h, "points"), params,
                    text(h, "x"), texts(h, "metrics"), text(h, "design"), text(h, "shard"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ":1: not a sweep header (" + e.getMessage() + "); allowed: a .jsonl"
                    + " file written by mqvio sweep");
        }
        List<PointRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode l = Json.parse(lines.get(i));
                Map<String, String> params = new LinkedHashMap<>();
                l.required("parameters").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
                Map<String, Object> metrics = new LinkedHashMap<>();
                l.required("metrics").properties().forEach(e -> metrics.put(e.getKey(), metric(e.getValue())));
                rows.add(new PointRow(whole(l, "point"), params, metrics));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": not a sweep point (" + e.getMessage() + ")");
            }
        }
        return new Contents(header, rows);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.required(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' is not a string");
        }
        return v.textValue();
    }

    private static int whole(JsonNode node, String field) {
        JsonNode v = node.required(field);
        if (!v.isInt()) {
            throw new IllegalArgumentException("'" + field + "' is not a whole number");
        }
        return v.intValue();
    }

    private static List<String> texts(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        node.required(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    /** A metric as {@link PointMetrics} made it: a whole number as a Long, a decimal as a Double, or a string. */
    private static Object metric(JsonNode v) {
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        throw new IllegalArgumentException("metric " + v + " is not a number or a string");
    }

    /**
     * The points an interrupted sweep's {@code base.jsonl} in {@code dir} holds, for {@code --resume}: the file must
     * be from the sweep {@code header} describes (the same job, stack, settings, swept values, version and shard),
     * and every point must have its definition's values.
     *
     * @throws IllegalArgumentException saying what differs
     */
    public static List<PointRow> resumable(Path dir, String base, SweepHeader header) {
        Path file = dir.resolve(base + ".jsonl");
        String allowed = "; allowed: the --out-dir of an interrupted sweep, resumed with the same arguments";
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--resume: " + file + " does not exist" + allowed);
        }
        Contents c = read(file, true);
        SweepHeader h = c.header();
        if (!h.id().equals(header.id()) || h.points() != header.points() || !h.shard().equals(header.shard())) {
            throw new IllegalArgumentException("--resume: " + file + " is from sweep " + h.id() + " (" + h.points()
                    + " points, shard " + h.shard() + ", mqvio " + h.version() + ") but these arguments make sweep "
                    + header.id() + " (" + header.points() + " points, shard " + header.shard() + ", mqvio "
                    + header.version() + "): the job, stack, --set, --vary or version differ" + allowed);
        }
        checkPoints(file, header, c.rows());
        TreeMap<Integer, PointRow> byIndex = new TreeMap<>();
        for (PointRow r : c.rows()) {
            PointRow before = byIndex.putIfAbsent(r.index(), r);
            if (before != null && !before.equals(r)) {
                throw new IllegalArgumentException("--resume: " + file + ": point " + r.index() + " appears twice with"
                        + " different results" + allowed);
            }
        }
        return List.copyOf(byIndex.values());
    }

    /**
     * Checks that every row of {@code file} is a point of the sweep {@code header} describes, with that point's
     * values: a point relabelled (other values under its index) is refused.
     *
     * @throws IllegalArgumentException naming the point, its values and the expected ones
     */
    static void checkPoints(Path file, SweepHeader header, List<PointRow> rows) {
        List<SweepPoint> points = SweepSpec.points(header.parameters());
        for (PointRow r : rows) {
            if (r.index() < 0 || r.index() >= points.size()) {
                throw new IllegalArgumentException(file + ": point " + r.index() + " is not a point of sweep "
                        + header.id() + "; allowed: 0 to " + (points.size() - 1));
            }
            SweepPoint expected = points.get(r.index());
            if (!r.parameters().equals(expected.values())) {
                String found = r.parameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
                throw new IllegalArgumentException(file + ": point " + r.index() + " has " + found + " but point "
                        + r.index() + " of sweep " + header.id() + " is " + expected.label()
                        + "; allowed: the points as the sweep wrote them");
            }
        }
    }

    /**
     * Joins shards: every file must be from the same sweep, and together they must hold every point exactly
     * once (a point repeated with identical results is accepted). Files may be named directly or by their
     * directory (every {@code points-shard-*.jsonl} in it).
     *
     * @throws IllegalArgumentException naming the files that disagree, or the missing or repeated points
     */
    public static Contents merge(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().matches("points-shard-\\d+-of-\\d+\\.jsonl"))
                            .sorted(Comparator.comparing(Path::toString)).forEach(files::add);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot list " + p + ": " + e.getMessage());
                }
            } else {
                files.add(p);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no shard files found in " + inputs + "; allowed: points-shard-I-of-N.jsonl"
                    + " files or the directories holding them");
        }
        Contents first = read(files.get(0));
        TreeMap<Integer, PointRow> all = new TreeMap<>();
        for (Path f : files) {
            Contents c = f.equals(files.get(0)) ? first : read(f);
            if (!c.header().id().equals(first.header().id()) || c.header().points() != first.header().points()) {
                throw new IllegalArgumentException(f + " is from sweep " + c.header().id() + " (" + c.header().points()
                        + " points) but " + files.get(0) + " is from sweep " + first.header().id() + " ("
                        + first.header().points() + " points); allowed: shards of one sweep");
            }
            checkPoints(f, first.header(), c.rows());
            for (PointRow r : c.rows()) {
                PointRow before = all.putIfAbsent(r.index(), r);
                if (before != null && !before.equals(r)) {
                    throw new IllegalArgumentException(f + ": point " + r.index() + " appears twice with different"
                            + " results; allowed: each point once");
                }
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < first.header().points() && missing.size() < 20; i++) {
            if (!all.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty() || all.size() != first.header().points()) {
            throw new IllegalArgumentException("the shards hold " + all.size() + " of " + first.header().points()
                    + " points; missing: " + missing + "; allowed: every shard's file");
        }
        return new Contents(first.header().whole(), List.copyOf(all.values()));
    }
}
