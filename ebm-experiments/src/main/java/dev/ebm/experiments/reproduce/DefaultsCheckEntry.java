package dev.ebm.experiments.reproduce;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** {@code defaults-check}: {@link DefaultsCheck} in the registry. */
public final class DefaultsCheckEntry implements Reproduction {

  /** The grid KL every method must reach with its defaults. */
  public static final double KL_BOUND = 0.1;

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "defaults-check",
          OptionSpec.text(
              "methods",
              String.join(":", DefaultsCheck.ALL_METHODS),
              "the methods to train, separated by ':'"),
          OptionSpec.integer("steps", 0, "training steps; 0: ebm train's default"),
          OptionSpec.integer("points", 10_000, "training (and held-out) points"),
          OptionSpec.integer("seed", 7, "seed of the data"));

  @Override
  public String name() {
    return "defaults-check";
  }

  @Override
  public String claim() {
    return "Every method reaches a grid KL of at most "
        + KL_BOUND
        + " with its default settings on a CSV of 2-D points spanning about ±10 that none of the"
        + " defaults was tuned on.";
  }

  @Override
  public String source() {
    return "this project (issue: defaults that fit the data)";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("methods", "dsm:nce", "steps", "1500", "points", "2000");
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    int steps = o.integer("steps");
    List<DefaultsCheck.Result> results =
        DefaultsCheck.run(
            new DefaultsCheck.Settings(
                Arrays.asList(o.string("methods").split(":")),
                steps > 0 ? OptionalLong.of(steps) : OptionalLong.empty(),
                o.integer("points"),
                o.integer("seed")),
            out,
            log);
    List<Report.Finding> findings = new ArrayList<>();
    Map<String, Object> numbers = new LinkedHashMap<>();
    for (DefaultsCheck.Result r : results) {
      findings.add(
          new Report.Finding(
              r.method() + ": grid KL ≤ " + KL_BOUND,
              "",
              String.format(
                  Locale.ROOT, "KL %.4f, TV %.3f, %.0f s", r.kl(), r.totalVariation(), r.seconds()),
              r.kl() <= KL_BOUND));
      numbers.put(
          r.method(), Map.of("kl", r.kl(), "tv", r.totalVariation(), "train_seconds", r.seconds()));
    }
    List<String> figures = new ArrayList<>();
    for (DefaultsCheck.Result r : results) {
      figures.add("runs/" + r.method() + "/figures/density.png");
    }
    return new Report(findings, numbers, figures);
  }
}
