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

  /** How far each learned mode weight may lie from the true one. */
  public static final double WEIGHT_TOLERANCE = 0.05;

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "defaults-check",
          OptionSpec.text(
              "densities",
              String.join(":", DefaultsCheck.DENSITIES.keySet()),
              "the densities to train on, separated by ':' (curved: about ±10; shifted: the same"
                  + " x40 about (400, -125); anisotropic: the same in units 100x apart; uneven:"
                  + " three modes of weight 0.6 / 0.3 / 0.1)"),
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
        + " with its default settings on CSVs of 2-D points that none of the defaults was tuned"
        + " on: curved modes of about ±10, the same far from the origin at 40x the scale, the"
        + " same with coordinates in units 100x apart, and modes of uneven weight (learned within "
        + WEIGHT_TOLERANCE
        + " of 0.6 / 0.3 / 0.1).";
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
    return Map.of("densities", "shifted", "methods", "dsm:nce", "steps", "6000", "points", "2000");
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    int steps = o.integer("steps");
    List<DefaultsCheck.Result> results =
        DefaultsCheck.run(
            new DefaultsCheck.Settings(
                Arrays.asList(o.string("densities").split(":")),
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
              r.density() + ", " + r.method() + ": grid KL ≤ " + KL_BOUND,
              "",
              String.format(
                  Locale.ROOT, "KL %.4f, TV %.3f, %.0f s", r.kl(), r.totalVariation(), r.seconds()),
              r.kl() <= KL_BOUND));
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("kl", r.kl());
      entry.put("tv", r.totalVariation());
      entry.put("train_seconds", r.seconds());
      if (r.modeWeights().isPresent()) {
        double[] w = r.modeWeights().get();
        entry.put("mode_weights", w);
        findings.add(
            new Report.Finding(
                r.density() + ", " + r.method() + ": mode weights within " + WEIGHT_TOLERANCE,
                DefaultsCheck.weights(UnevenModes.WEIGHTS),
                DefaultsCheck.weights(w),
                withinTolerance(w, UnevenModes.WEIGHTS)));
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> perDensity =
          (Map<String, Object>) numbers.computeIfAbsent(r.density(), k -> new LinkedHashMap<>());
      perDensity.put(r.method(), entry);
    }
    List<String> figures = new ArrayList<>();
    for (DefaultsCheck.Result r : results) {
      figures.add("runs/" + r.density() + "/" + r.method() + "/figures/density.png");
    }
    return new Report(findings, numbers, figures);
  }

  private static boolean withinTolerance(double[] learned, double[] truth) {
    for (int k = 0; k < truth.length; k++) {
      if (Math.abs(learned[k] - truth[k]) > WEIGHT_TOLERANCE) {
        return false;
      }
    }
    return true;
  }
}
