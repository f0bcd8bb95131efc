package org.mqvio.harness.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Output paths checked before a run, so that a path that cannot be written is reported before the work, not after. */
final class OutputPaths {
    private OutputPaths() {
    }

    /** Refuses a report file that is a directory, in a directory that does not exist, or not writable. */
    static void checkFile(String option, Path file) {
        Path abs = file.toAbsolutePath();
        String cannot = option + "=" + file + " cannot be written: ";
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(cannot + "it is a directory; allowed: a file path");
        }
        Path parent = abs.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(cannot + "its directory does not exist; allowed: a file in an existing"
                    + " directory");
        }
        if (Files.exists(abs) ? !Files.isWritable(abs) : parent != null && !Files.isWritable(parent)) {
            throw new IllegalArgumentException(cannot + "permission denied; allowed: a writable file path");
        }
    }

    /** Refuses an output directory that is a file, or whose nearest existing ancestor is not a writable directory. */
    static void checkDirectory(String option, Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        String cannot = option + "=" + dir + " cannot be written: ";
        if (p != null && !Files.isDirectory(p)) {
            throw new IllegalArgumentException(cannot + p + " is not a directory; allowed: a directory, or a path"
                    + " where one can be created");
        }
        if (p != null && !Files.isWritable(p)) {
            throw new IllegalArgumentException(cannot + "permission denied on " + p + "; allowed: a writable directory");
        }
    }
}
