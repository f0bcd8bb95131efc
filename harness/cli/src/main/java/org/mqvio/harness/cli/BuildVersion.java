package org.mqvio.harness.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version mqvio reports ({@code --version}, fio's {@code "fio version"}, sweep headers, the paper's record):
 * the POM's, written into {@code version.properties} by the build, so it is never typed twice.
 */
final class BuildVersion implements IVersionProvider {
    /** The version; {@code Main.VERSION} holds it. */
    static String read() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the command line's module");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"mqvio " + Main.VERSION};
    }
}
