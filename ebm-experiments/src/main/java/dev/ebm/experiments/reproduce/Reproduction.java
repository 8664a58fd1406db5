package dev.ebm.experiments.reproduce;

import dev.ebm.core.config.NamedServices;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A paper's claim reproduced with one command, {@code ebm reproduce NAME}. Reproductions are found
 * through {@link java.util.ServiceLoader} (a services line in {@code
 * META-INF/services/dev.ebm.experiments.reproduce.Reproduction}), like methods and models; their
 * settings are declared once, with the full setting's values as defaults, a small one for tests
 * ({@code --quick}) and, for those whose full setting needs a GPU, one for two CPU cores ({@code
 * --cpu}). {@link ReportWriter} turns what one returns into {@code report.md} and {@code
 * results.json}.
 */
public interface Reproduction {

  /** The name it is run by, e.g. {@code ncsn-toy}. */
  String name();

  /** The claim it checks, in one sentence. */
  String claim();

  /** Where the claim comes from: authors, year, section or figure. */
  String source();

  /** Its settings; the defaults are the full setting. */
  OptionSchema settings();

  /** The settings {@code --quick} overrides: a setting a test can run in well under a minute. */
  Map<String, String> quickSettings();

  /**
   * The settings {@code --cpu} overrides, if it has such a setting: one that tests the claim at a
   * scale two CPU cores finish in about 90 minutes, where the full setting is sized for a GPU.
   * Empty: none.
   */
  default Map<String, String> cpuSettings() {
    return Map.of();
  }

  /** Runs it with resolved {@code settings}, writing into {@code out}, progress to {@code log}. */
  Report run(Options settings, Path out, PrintStream log) throws IOException;

  /** Every reproduction on the class path, sorted by name. */
  static List<Reproduction> all() {
    return NamedServices.all(Reproduction.class, Reproduction::name);
  }

  /**
   * The reproduction of that name.
   *
   * @throws IllegalArgumentException listing the available names, for an unknown one
   */
  static Reproduction byName(String name) {
    return NamedServices.byName(Reproduction.class, Reproduction::name, name, "reproduction");
  }
}
