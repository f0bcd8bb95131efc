package org.mqvio.harness.fio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads fio job files: INI text with {@code [global]} and job sections, {@code name=value} or bare
 * {@code name} options, comments, {@code include FILE} lines (relative to the including file, as fio resolves
 * them) and {@code ${VAR}} environment references (expanded after comments are removed, as fio does).
 *
 * <p>Comments are fio's: on every line of a job file, whatever follows the first {@code ;}, and then the first
 * {@code #}, is removed with the blanks before it, wherever it is ({@code numjobs=4 ; four threads} is
 * {@code numjobs=4}; so is {@code numjobs=4#x}); a line left empty is skipped. fio does this in
 * {@code strip_blank_end()} (parse.c) for job files only: a value on the command line keeps its {@code ;} and
 * {@code #}.
 */
final class JobFileParser {
    private static final int MAX_INCLUDE_DEPTH = 16;
    /** The most bytes a job file and the files it includes may hold together: fio job files are a few KiB. */
    static final int MAX_BYTES = 1 << 20;
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<String, String> environment;
    private final List<RawSection> sections = new ArrayList<>();
    private String sectionName;
    private Origin sectionOrigin;
    private List<RawOption> options;
    private long bytesRead;

    private JobFileParser(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * The sections of {@code file}, includes expanded, in order.
     *
     * @throws IllegalArgumentException with file and line for unreadable files, include loops, options outside
     *                                  a section and malformed lines
     */
    static List<RawSection> parse(Path file, Map<String, String> environment) {
        JobFileParser p = new JobFileParser(environment);
        p.read(file, file.toString(), null, null, 0);
        p.endSection();
        return List.copyOf(p.sections);
    }

    private void read(Path file, String shownName, Origin includedFrom, String writtenAs, int depth) {
        if (depth > MAX_INCLUDE_DEPTH) {
            throw new IllegalArgumentException(includedFrom + ": include nested more than " + MAX_INCLUDE_DEPTH
                    + " deep (an include loop?); allowed: at most " + MAX_INCLUDE_DEPTH + " levels");
        }
        String where = includedFrom == null ? "job file '" + shownName + "'" : includedFrom + ": include '" + writtenAs + "'";
        List<String> lines = text(file, where).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Origin origin = new Origin(shownName, i + 1);
            String line = withoutComment(lines.get(i));
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("include ") || line.startsWith("include\t")) {
                String target = expand(line.substring("include".length()).strip());
                Path resolved = file.toAbsolutePath().getParent().resolve(target);
                String shown = Path.of(shownName).getParent() == null ? target
                        : Path.of(shownName).getParent().resolve(target).toString();
                read(resolved, shown, origin, target, depth + 1);
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3 || line.substring(1, line.length() - 1).isBlank()) {
                    throw new IllegalArgumentException(origin + ": malformed section header '" + line
                            + "'; allowed: [NAME] with a non-empty name");
                }
                endSection();
                sectionName = line.substring(1, line.length() - 1).strip();
                sectionOrigin = origin;
                options = new ArrayList<>();
                continue;
            }
            int eq = line.indexOf('=');
            String name = (eq < 0 ? line : line.substring(0, eq)).strip();
            String value = eq < 0 ? null : expand(line.substring(eq + 1).strip());
            if (name.isEmpty()) {
                throw new IllegalArgumentException(origin + ": '" + line + "' has no option name; allowed: NAME=VALUE or NAME");
            }
            if (options == null) {
                throw new IllegalArgumentException(origin + ": option '" + name + "' is outside a section; allowed:"
                        + " options after a [global] or [JOBNAME] header");
            }
            options.add(new RawOption(name, value, origin));
        }
    }

    /** {@code line} without its comment and the blanks around what is left, as fio reads a job file's line. */
    static String withoutComment(String line) {
        String s = line;
        int semicolon = s.indexOf(';');
        if (semicolon >= 0) {
            s = s.substring(0, semicolon);
        }
        int hash = s.indexOf('#');
        if (hash >= 0) {
            s = s.substring(0, hash);
        }
        return s.strip();
    }

    /**
     * The file's text, read up to what is left of {@link #MAX_BYTES} (so {@code /dev/zero} or a huge file is refused
     * after 1 MiB): UTF-8 without NUL characters.
     */
    private String text(Path file, String where) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) (MAX_BYTES - bytesRead) + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + " cannot be read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); allowed: a readable fio job file");
        }
        bytesRead += bytes.length;
        if (bytesRead > MAX_BYTES) {
            throw new IllegalArgumentException(where + " is too large: job files (with their includes) above the limit"
                    + " of " + MAX_BYTES + " bytes are refused; allowed: a fio job file of at most 1 MiB");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') >= 0) {
                throw new CharacterCodingException();
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(where + " is not text (NUL bytes or invalid UTF-8); allowed: a fio job"
                    + " file, INI text in UTF-8");
        }
    }

    private void endSection() {
        if (sectionName != null) {
            sections.add(new RawSection(sectionName, options, sectionOrigin));
        }
        sectionName = null;
        options = null;
    }

    private String expand(String text) {
        Matcher m = ENV.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = environment.get(m.group(1));
            m.appendReplacement(sb, Matcher.quoteReplacement(v == null ? m.group() : v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
