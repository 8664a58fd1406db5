package dev.ebm.experiments.reproduce;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.toy.Grid2d;
import dev.ebm.core.data.toy.Normal;
import dev.ebm.core.evaluation.ReferenceDensity;
import dev.ebm.core.run.Composition;
import dev.ebm.experiments.output.EvaluationFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * {@code composition}: energies add where densities multiply. Two energies are trained with {@code
 * ebm train} on two different 2-D data sets written as CSV — the {@link CurvedMixture} (an MLP) and
 * a broad Gaussian {@code N((0, −4), 4²I)} (the {@code gaussian} model) — composed with {@code ebm
 * compose} ({@code E = E₁ + E₂}), and the composition's grid-normalised density is compared by
 * {@code ebm eval --reference} with the normalised product of the two true densities, {@code
 * p₁p₂/∫p₁p₂}: the curved mixture reweighted towards its lower part. {@code ebm sample} draws from
 * the composition. Each expert alone is compared with the product too, for scale.
 */
public final class CompositionReproduction implements Reproduction {

  /** The largest KL of the composition against the true product that bears the claim out. */
  public static final double BOUND = 0.1;

  private static final Grid2d GRID = Grid2d.square(14, 241);
  private static final double[] MASK_MEAN = {0, -4};
  private static final double MASK_STD = 4;

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "composition",
          OptionSpec.text("method", "esm", "the training method of both experts (ebm list)"),
          OptionSpec.integer("steps", 10_000, "training steps of each"),
          OptionSpec.integer("points", 10_000, "training points of each data set"),
          OptionSpec.integer("seed", 0, "seed"));

  @Override
  public String name() {
    return "composition";
  }

  @Override
  public String claim() {
    return "A product of experts of two EBMs trained on two different densities, E = E1 + E2,"
        + " models the product of the densities: the composed density is within KL "
        + BOUND
        + " of the normalised product of the two true densities.";
  }

  @Override
  public String source() {
    return "Hinton 2002, Training products of experts; Du, Li & Mordatch 2020, Compositional visual"
        + " generation with energy based models, Section 3";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("steps", "1500", "points", "2000");
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    CurvedMixture curved = new CurvedMixture();
    long seed = o.integer("seed");
    int points = o.integer("points");
    Path curvedData =
        DefaultsCheck.writePoints(out.resolve("data/curved.csv"), curved.sample(points, seed));
    Path maskData = DefaultsCheck.writePoints(out.resolve("data/mask.csv"), mask(points, seed));
    Map<String, Object> results = new LinkedHashMap<>();
    List<Report.Finding> findings = new ArrayList<>();
    Path curvedRun = out.resolve("runs/curved");
    Path maskRun = out.resolve("runs/mask");
    Path product =
        ReferenceDensity.write(
            out.resolve("data/product.csv"),
            GRID,
            (x, y) -> curved.logDensity(x, y) + maskLogDensity(x, y));
    ReferenceDensity reference = ReferenceDensity.read(product, 2);
    Map<String, Double> alone = new LinkedHashMap<>();
    try (TrainedEnergy curvedExpert = train(curvedData, "mlp", o, curvedRun, false)) {
      alone.put("curved", klAgainst(curvedExpert, curvedRun, reference).get("kl"));
    }
    // Standardised, the Gaussian starts near its answer instead of walking Adam's lr per step.
    try (TrainedEnergy maskExpert = train(maskData, "gaussian", o, maskRun, true)) {
      alone.put("mask", klAgainst(maskExpert, maskRun, reference).get("kl"));
    }
    Path composed = out.resolve("composed");
    Path base = composed.toAbsolutePath().normalize();
    new Composition(
            List.of(
                new Composition.Member(
                    base.relativize(curvedRun.toAbsolutePath().normalize()).toString(), 1),
                new Composition.Member(
                    base.relativize(maskRun.toAbsolutePath().normalize()).toString(), 1)))
        .save(composed);
    Map<String, Double> eval;
    try (TrainedEnergy composition = TrainedEnergy.load(composed)) {
      eval = klAgainst(composition, composed, reference);
      Runs.sample(composition, composed, 1000, 0);
    }
    double kl = eval.get("kl");
    results.put("composed_kl", kl);
    results.put("composed_tv", eval.get("tv"));
    findings.add(
        new Report.Finding(
            "composition against the normalised product p1 p2: KL ≤ " + BOUND,
            "",
            String.format(Locale.ROOT, "KL %.4f, TV %.3f", kl, eval.get("tv")),
            kl <= BOUND));
    for (Map.Entry<String, Double> expert : alone.entrySet()) {
      results.put(expert.getKey() + "_kl_against_product", expert.getValue());
      findings.add(
          new Report.Finding(
              "the composition is nearer the product than the " + expert.getKey() + " expert alone",
              "",
              String.format(Locale.ROOT, "KL %.4f against %.4f", kl, expert.getValue()),
              kl < expert.getValue()));
    }
    return new Report(
        findings, results, List.of("composed/figures/density.png", "composed/samples/samples.png"));
  }

  private static TrainedEnergy train(
      Path data, String model, Options o, Path run, boolean standardize) throws IOException {
    return Runs.train(
        Runs.training("csv:" + data, o.string("method"), run)
            .model(model)
            .steps(o.integer("steps"))
            .seed(o.integer("seed"))
            .standardize(standardize));
  }

  /** KL and TV of {@code energy} against {@code reference}, written into {@code run}. */
  private static Map<String, Double> klAgainst(
      TrainedEnergy energy, Path run, ReferenceDensity reference) throws IOException {
    Map<String, Object> eval =
        EvaluationFiles.write(
            run,
            energy,
            Runs.withoutMmd().against(reference),
            Optional.of(reference),
            OptionalDouble.empty());
    return Map.of("kl", Runs.number(eval, "kl"), "tv", Runs.number(eval, "tv"));
  }

  private static double[] mask(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed + 1);
    double[] xy = new double[2 * n];
    for (int i = 0; i < n; i++) {
      xy[2 * i] = MASK_MEAN[0] + MASK_STD * Normal.draw(random);
      xy[2 * i + 1] = MASK_MEAN[1] + MASK_STD * Normal.draw(random);
    }
    return xy;
  }

  private static double maskLogDensity(double x, double y) {
    return Math.log(Normal.density(x, MASK_MEAN[0], MASK_STD))
        + Math.log(Normal.density(y, MASK_MEAN[1], MASK_STD));
  }
}
