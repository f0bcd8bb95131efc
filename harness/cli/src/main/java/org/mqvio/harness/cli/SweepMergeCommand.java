package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mqvio.harness.cli.chart.SweepCharts;
import org.mqvio.harness.sweep.SweepFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mqvio sweep-merge}: joins the shards of a sweep into the files and charts of the whole sweep. */
@Command(name = "sweep-merge", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "Join the shards of a sweep (points-shard-I-of-N.jsonl files, or the directories holding them),"
                + " checking every point is there once, into points.csv, points.jsonl and the charts.")
final class SweepMergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out-dir", description = "Where the merged files go (default: the first input's directory).")
    Path outDir;

    @Parameters(arity = "1..*", paramLabel = "SHARD_FILE|DIR", description = "Shard files or directories of shard files.")
    List<Path> inputs = new ArrayList<>();

    @Override
    public Integer call() {
        SweepFiles.Contents merged = SweepFiles.merge(inputs);
        Path first = inputs.get(0);
        Path dir = outDir != null ? outDir : Files.isDirectory(first) ? first
                : first.toAbsolutePath().getParent();
        PrintWriter out = spec.commandLine().getOut();
        SweepCommand.printTable(out, merged.header(), merged.rows());
        List<Path> files = new ArrayList<>(SweepFiles.write(dir, SweepFiles.WHOLE, merged.header(), merged.rows()));
        files.addAll(SweepCharts.write(dir, merged.header(), merged.rows()));
        files.forEach(f -> out.println("wrote " + f));
        out.flush();
        return 0;
    }
}
