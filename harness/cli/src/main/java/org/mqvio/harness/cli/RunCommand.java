package org.mqvio.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.Callable;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.fio.FioAction;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.JobPlanner;
import org.mqvio.harness.fio.OptionHelp;
import org.mqvio.harness.fio.PlanRunner;
import org.mqvio.harness.fio.RunMode;
import org.mqvio.harness.report.AtomicFile;
import org.mqvio.harness.report.FioLogFiles;
import org.mqvio.harness.sweep.Progress;
import org.mqvio.harness.workload.RunControl;
import org.mqvio.harness.workload.RunResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mqvio run}: fio job files and fio options, run on a stack in the simulation, reported as fio does. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"Run fio jobs (job files and/or fio options) on a stack in the deterministic simulation and"
                + " report them as fio does, then what happens inside the I/O path."},
        footer = {"", "fio options (job files, or --OPTION=VALUE before/after --name=JOB): every option fio defines is"
                + " either modelled with fio's meaning (--cmdhelp lists them, --cmdhelp=NAME explains one), or"
                + " irrelevant to a model (ioengine, direct, filename, thread, ...: accepted and listed), or refused"
                + " in one line naming the option and why, unless --allow-unmodelled, which runs without it and lists"
                + " it. README.md's option table classes them all. fio's --section=NAME (repeatable), --parse-only,"
                + " --showcmd and --status-interval work as in fio.",
                "A job with none of runtime, size, io_size and number_ios runs for one simulated second."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Mixin
    StackOptions stack;

    @Mixin
    ModeOptions mode;

    @Option(names = "--output-format", defaultValue = "normal", split = ",", converter = OutputFormat.Converter.class,
            paramLabel = "FORMAT[,FORMAT...]",
            description = "normal (fio's summary), json (fio's JSON keys plus an 'mqvio' object), json+ (json with"
                    + " fio's latency bins) or terse (fio's terse, --terse-version); a list prints each, in fio's order"
                    + " (terse, json, normal) (default: ${DEFAULT-VALUE}).")
    List<OutputFormat> outputFormats;

    @Mixin
    TerseOptions terse;

    @Option(names = "--cmdhelp", arity = "0..1", fallbackValue = "all", paramLabel = "OPTION",
            description = "fio's option help: all (bare) lists the modelled fio options; OPTION explains one.")
    String cmdhelp;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of the standard output.")
    Path output;

    @Mixin
    StatusInterval statusInterval;

    @Parameters(paramLabel = "JOBFILE|--OPTION=VALUE", description = "fio job files and fio options, in any order.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        if (cmdhelp != null) {
            spec.commandLine().getOut().print(OptionHelp.of(cmdhelp));
            spec.commandLine().getOut().flush();
            return 0;
        }
        RunMode runMode = mode.checked();
        if (output != null) {
            OutputPaths.checkFile("--output", output);
        }
        NameCheck.options(spec, args);
        ProviderRegistry registry = ProviderRegistry.load();
        NameCheck.stack(registry, List.of(stack.config(1)));
        JobPlan plan = JobPlanner.plan(args, System.getenv());
        if (plan.action() != FioAction.RUN) {
            PrintWriter out = spec.commandLine().getOut();
            if (plan.action() == FioAction.SHOW_COMMAND) {
                plan.commandLines().forEach(out::println);
            }
            out.flush();
            return 0;
        }
        RunControl control = main.runControl();
        Reports reports = terse.reports(outputFormats);
        StringBuilder statusText = new StringBuilder();
        int[] statusReports = {0};
        Consumer<List<RunResult>> status = soFar -> {
            // fio prints the normal format's heading once, before the first report.
            String report = (statusReports[0]++ == 0 ? reports.heading(plan, soFar) : "")
                    + reports.status(plan.firstBatches(soFar.size()), soFar);
            if (output != null) {
                statusText.append(report);
            } else {
                spec.commandLine().getOut().print(report);
                spec.commandLine().getOut().flush();
            }
        };
        statusInterval.apply(control);
        List<RunResult> runs;
        try (Progress progress = Progress.ofRun(control, spec.commandLine().getErr(), Progress.onTerminal())) {
            runs = PlanRunner.run(registry, plan, stack.config(1), mode.vcpus, runMode, control, status);
        }
        JobPlan ran = plan.firstBatches(runs.size());
        FioLogFiles.write(Path.of(""), ran, runs);
        String text = statusText + (statusReports[0] == 0 ? reports.write(ran, runs) : reports.writeAfterStatus(ran, runs));
        if (output != null) {
            try {
                AtomicFile.writeString(output, text);
            } catch (IOException e) {
                throw new IllegalArgumentException("--output=" + output + " cannot be written (" + e.getClass().getSimpleName()
                        + ": " + e.getMessage() + "); allowed: a writable file path");
            }
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        }
        int stopped = Main.interrupted(control, spec.commandLine().getErr(), "the report covers the I/O completed"
                + " until then");
        return stopped != 0 ? stopped : Main.exitStatus(runs, spec.commandLine().getErr());
    }
}
