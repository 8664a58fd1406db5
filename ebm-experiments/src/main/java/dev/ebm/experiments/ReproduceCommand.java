package dev.ebm.experiments;

import dev.ebm.core.config.Options;
import dev.ebm.core.run.RunLock;
import dev.ebm.experiments.process.StopSignals;
import dev.ebm.experiments.reproduce.Report;
import dev.ebm.experiments.reproduce.ReportWriter;
import dev.ebm.experiments.reproduce.Reproduction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ebm reproduce NAME}: a paper's claim with one command ({@link Reproduction}, found by
 * name), in its full setting, {@code --quick} or {@code --cpu}, with settings changed by {@code
 * --set}; writes {@code report.md} and {@code results.json} beside the reproduction's own files.
 * {@code --list} shows every reproduction with its claim, source and settings.
 */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description = {
      "Reproduce a paper's claim: ebm reproduce NAME [--quick | --cpu] [--set key=value,...]"
          + " [--out DIR].",
      "ebm reproduce --list shows every reproduction, its claim, source and settings."
    })
public final class ReproduceCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", description = "the reproduction (see --list)")
  String name;

  @Option(names = "--list", description = "list the reproductions and their settings")
  boolean list;

  @Option(names = "--quick", description = "the small setting its test runs")
  boolean quick;

  @Option(
      names = "--cpu",
      description = "the setting sized for two CPU cores (image reproductions; see --list)")
  boolean cpu;

  @Option(
      names = "--set",
      description =
          "settings that differ from the full (or --quick) setting: key=value,... (may be"
              + " repeated)")
  List<String> set = new ArrayList<>();

  @Option(names = "--out", description = "output directory (default: runs/NAME)")
  Path out;

  // The run lock is held for the whole try block, not used in it.
  @SuppressWarnings("try")
  @Override
  public Integer call() throws Exception {
    if (list || name == null) {
      for (Reproduction r : Reproduction.all()) {
        System.out.println(r.name());
        System.out.println("    claim:  " + r.claim());
        System.out.println("    source: " + r.source());
        for (String line : r.settings().describe()) {
          System.out.println("    " + line);
        }
        printSetting("--quick", r, r.quickSettings());
        printSetting("--cpu", r, r.cpuSettings());
      }
      return 0;
    }
    Reproduction reproduction = Reproduction.byName(name);
    if (quick && cpu) {
      throw new IllegalArgumentException("--quick and --cpu are two settings: choose one");
    }
    if (cpu && reproduction.cpuSettings().isEmpty()) {
      throw new IllegalArgumentException(
          name + " has no --cpu setting: its full setting already runs on two CPU cores");
    }
    StopSignals.install(System.err);
    Map<String, String> given = new LinkedHashMap<>();
    if (quick) {
      given.putAll(reproduction.quickSettings());
    }
    if (cpu) {
      given.putAll(reproduction.cpuSettings());
    }
    for (String pairs : set) {
      given.putAll(Options.parse(name, pairs).given());
    }
    Options settings = reproduction.settings().resolve(Options.of(name, given));
    Path directory = out != null ? out : Path.of("runs", name);
    Path file;
    Report report;
    // One reproduction writes its directory at a time (its runs take their own locks).
    try (RunLock lock = RunLock.acquire(directory)) {
      long start = System.nanoTime();
      report = reproduction.run(settings, directory, System.out);
      double seconds = (System.nanoTime() - start) / 1e9;
      file = ReportWriter.write(directory, reproduction, settings, report, seconds);
    }
    System.out.println(
        (report.allHold() ? "the claim holds" : "the claim does NOT hold in every part")
            + "; report: "
            + file);
    return 0;
  }

  /** One line of {@code --list}: the settings {@code flag} overrides, in the schema's order. */
  private static void printSetting(String flag, Reproduction r, Map<String, String> overrides) {
    if (overrides.isEmpty()) {
      return;
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    for (var spec : r.settings().specs()) {
      if (overrides.containsKey(spec.key())) {
        ordered.put(spec.key(), overrides.get(spec.key()));
      }
    }
    System.out.println("    " + flag + ": " + text(ordered));
  }

  private static String text(Map<String, String> values) {
    StringBuilder text = new StringBuilder();
    values.forEach(
        (k, v) -> text.append(text.length() > 0 ? "," : "").append(k).append('=').append(v));
    return text.toString();
  }
}
