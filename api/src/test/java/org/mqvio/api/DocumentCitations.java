package org.mqvio.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds citations of Markdown documents ({@code docs/architecture.md}, {@code docs/architecture.md#invariants}) in a
 * repository's sources, documents and resources, and reports each one that dangles: the document is not in the
 * repository, or the part after {@code #} names no heading or explicit anchor ({@code <a id="...">}) of it.
 * Headings become anchors as GitHub makes them: lower case, punctuation other than {@code -} and {@code _}
 * dropped, spaces turned into {@code -}, a repeated heading suffixed {@code -1}, {@code -2}.
 *
 * <p>A cited path is resolved against the repository root, or against the citing file's folder (a relative
 * link in a Markdown document). Links to a web address are not citations of the repository and are skipped.
 * In a Markdown document, links to its own anchors ({@code [x](#y)}) are checked too.
 *
 * <p>The conformance kit's invariants are numbered in {@value #INVARIANTS}, each with an anchor
 * {@code invariant-3b}; a mention of a number anywhere ({@code invariant 3b}, {@code invariants 5a and 5b}) must
 * name one that is there, and a bare group number ({@code invariant 3}) one whose anchors start so.
 */
final class DocumentCitations {
    /** The files whose text may cite a document. */
    private static final List<String> SCANNED = List.of(".java", ".md", ".properties", ".xml");
    /** Folders that hold no source: build output and tool state. */
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules");
    /** A path ending in {@code .md}, not part of a longer path or address, with an optional anchor. */
    private static final Pattern CITATION = Pattern.compile(
            "(?<![\\w/.:-])((?:\\.{1,2}/)*(?:[\\w-]+/)*[\\w-][\\w.-]*\\.md)(?![\\w-])(#[\\w-]+)?");
    private static final Pattern OWN_ANCHOR_LINK = Pattern.compile("\\]\\(#([\\w-]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    /** The document that numbers the conformance kit's invariants. */
    static final String INVARIANTS = "docs/architecture.md";
    /** {@code invariant 3b}, {@code Invariants 1a, 1b, 2 and 6a}, {@code invariants 1a to 4b}. */
    private static final Pattern INVARIANT_NUMBERS = Pattern.compile(
            "\\b[Ii]nvariants? (\\d[a-z]?(?:(?:, | and | to |, and )\\d[a-z]?)*)\\b");
    private static final Pattern EXPLICIT_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

    private final Path root;

    DocumentCitations(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The repository around {@code start}: the nearest folder, {@code start} or above, holding {@code mvnw}. */
    static Path repositoryAround(Path start) {
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("mvnw"))) {
                return p;
            }
        }
        throw new IllegalStateException("no folder at or above " + start.toAbsolutePath() + " holds mvnw");
    }

    /** Every dangling citation, one line each: {@code file:line: what is wrong}. */
    List<String> dangling() {
        List<String> out = new ArrayList<>();
        for (Path file : scannedFiles()) {
            List<String> lines = read(file);
            for (int i = 0; i < lines.size(); i++) {
                check(file, i + 1, lines.get(i), out);
            }
        }
        return out;
    }

    private void check(Path file, int lineNumber, String line, List<String> out) {
        String where = root.relativize(file) + ":" + lineNumber + ": ";
        Matcher m = CITATION.matcher(line);
        while (m.find()) {
            String cited = m.group(1);
            Path target = resolve(file, cited);
            if (target == null) {
                out.add(where + "cites " + cited + ", which is not in the repository");
            } else if (m.group(2) != null) {
                checkAnchor(where, cited, target, m.group(2).substring(1), out);
            }
        }
        Matcher numbers = INVARIANT_NUMBERS.matcher(line);
        while (numbers.find()) {
            for (String number : numbers.group(1).split(", and |, | and | to ")) {
                checkInvariant(where, number, out);
            }
        }
        if (file.toString().endsWith(".md")) {
            Matcher own = OWN_ANCHOR_LINK.matcher(line);
            while (own.find()) {
                checkAnchor(where, file.getFileName().toString(), file, own.group(1), out);
            }
        }
    }

    private static void checkAnchor(String where, String cited, Path target, String anchor, List<String> out) {
        Set<String> anchors = anchors(read(target));
        if (!anchors.contains(anchor)) {
            out.add(where + "cites " + cited + "#" + anchor + ", but " + cited + " has no heading or anchor '"
                    + anchor + "'; it has: " + String.join(", ", anchors));
        }
    }

    private void checkInvariant(String where, String number, List<String> out) {
        Path numbering = root.resolve(INVARIANTS);
        if (!Files.isRegularFile(numbering)) {
            out.add(where + "cites invariant " + number + ", but " + INVARIANTS + ", which numbers them, is not in the"
                    + " repository");
            return;
        }
        String anchor = "invariant-" + number;
        boolean defined = anchors(read(numbering)).stream()
                .anyMatch(a -> a.equals(anchor) || (number.length() == 1 && a.matches(anchor + "[a-z]")));
        if (!defined) {
            out.add(where + "cites invariant " + number + ", but " + INVARIANTS + " defines no anchor " + anchor);
        }
    }

    private Path resolve(Path citingFile, String cited) {
        for (Path base : List.of(citingFile.getParent(), root)) {
            Path p = base.resolve(cited).normalize();
            if (p.startsWith(root) && Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The anchors of a Markdown document: its headings (outside code blocks) and its explicit anchors. */
    static Set<String> anchors(List<String> lines) {
        Set<String> out = new LinkedHashSet<>();
        boolean inCode = false;
        for (String line : lines) {
            if (line.stripLeading().startsWith("```")) {
                inCode = !inCode;
                continue;
            }
            if (inCode) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                String unique = slug;
                for (int n = 1; out.contains(unique); n++) {
                    unique = slug + "-" + n;
                }
                out.add(unique);
            }
            Matcher explicit = EXPLICIT_ANCHOR.matcher(line);
            while (explicit.find()) {
                out.add(explicit.group(1));
            }
        }
        return out;
    }

    /** GitHub's anchor for a heading's text. */
    static String slug(String heading) {
        String plain = heading.replaceAll("`|\\*\\*|<[^>]*>", "").toLowerCase(Locale.ROOT);
        return plain.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private List<Path> scannedFiles() {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName().toString();
                    boolean skipped = !dir.equals(root) && (name.startsWith(".") || SKIPPED_FOLDERS.contains(name));
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    if (attrs.isRegularFile() && SCANNED.stream().anyMatch(name::endsWith)) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
