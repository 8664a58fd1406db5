package dev.ebm.experiments.reproduce;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.analytic.GaussianMixture;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.toy.EightGaussians;
import dev.ebm.experiments.plot.ScatterPlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code icd-stability}: Du, Li, Tenenbaum &amp; Mordatch's (2020) ablation of improved contrastive
 * divergence on 8 Gaussians, in two arms, each over several seeds of {@code ebm train}'s {@code
 * improved-cd}:
 *
 * <ul>
 *   <li><em>stability</em>: the KL term's energy part on or off, with the energy regulariser α off
 *       ({@code alpha}, default 0) so that the KL term's effect shows alone, at the first
 *       re-initialisation rate with the entropy part on;
 *   <li><em>coverage</em>: the KL term on, every replay re-initialisation rate × the entropy part
 *       on or off, at {@code coverage_alpha} (default 0.1), where training is stable and the energy
 *       learns the modes within the step budget (at α = 0 the stable runs stayed near-uniform: grid
 *       KL 1.35–1.38, 0–3 modes), so that the samples' diversity can differ.
 * </ul>
 *
 * <p>A run <em>diverges</em> when training stops on a non-finite value or its last logged energies
 * exceed {@code energy_bound} in magnitude. Each run that did not diverge is sampled ({@code ebm
 * sample}, 1 000 chains from the data's range) and measured: the modes it covers (a sample belongs
 * to the nearest mode within 3 standard deviations; a mode is covered when it holds at least 5 % of
 * the samples), the modes that the training sampler's own chains of its last steps cover (q_θ, on
 * which the KL term acts), and its grid KL ({@code ebm eval}). Improved CD runs at its defaults, Du
 * et al.'s code's: entropy weight 0.3 against 100 buffer samples once the buffer has received 1 000
 * chains; a part switched off has weight 0.
 */
public final class IcdStability implements Reproduction {

  /** The last steps whose training-sampler chains are kept for the coverage of q_θ. */
  static final int TRAINING_SAMPLE_STEPS = 8;

  /** Share of the samples a mode must hold to count as covered. */
  static final double COVERED_SHARE = 0.05;

  /** How far from a mode's centre, in the mode's standard deviations, a sample belongs to it. */
  static final double MODE_RADIUS = 3;

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "icd-stability",
          OptionSpec.integer("seeds", 3, "seeds per configuration (0, 1, …)"),
          OptionSpec.integer("steps", 4_000, "training steps"),
          OptionSpec.number("lr", 1e-3, "learning rate (ebm train's default)"),
          OptionSpec.text(
              "arms", "stability:coverage", "the ablations to run: stability, coverage or both"),
          OptionSpec.number(
              "alpha",
              0,
              "the stability arm's energy regulariser α(E⁺² + E⁻²); 0 lets the KL term's effect"
                  + " show alone"),
          OptionSpec.number(
              "coverage_alpha",
              0.1,
              "the coverage arm's α: at 0 its runs stayed near-uniform (grid KL ≈ 1.36, 0–3"
                  + " modes) in 4 000 steps"),
          OptionSpec.text(
              "reinit",
              "0.05:0.001",
              "replay re-initialisation rates, by ':' (the stability arm uses the first)"),
          OptionSpec.text(
              "kl", "on:off", "the stability arm's KL term (energy part): on, off or both"),
          OptionSpec.text("entropy", "on:off", "the coverage arm's entropy part: on, off or both"),
          OptionSpec.number("energy_bound", 1e4, "|energy| beyond which a run has diverged"),
          OptionSpec.number("ema", 0.999, "moving-average decay (ebm train's default)"));

  @Override
  public String name() {
    return "icd-stability";
  }

  @Override
  public String claim() {
    return "The KL term of improved contrastive divergence stabilises training (fewer diverged"
        + " runs) and, with its entropy part, keeps the samples on every mode; replay"
        + " re-initialisation at 5 % covers the modes better than at 0.1 %.";
  }

  @Override
  public String source() {
    return "Du, Li, Tenenbaum & Mordatch 2020, Improved contrastive divergence training of"
        + " energy-based models, Section 4 (ablations of the KL term, entropy and replay buffer)";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    // A larger step makes plain replay-buffer ML diverge within 1 000 steps (at 1e-3: ~2 500).
    return Map.of(
        "arms", "stability",
        "seeds", "1",
        "steps", "1000",
        "lr", "0.005",
        "reinit", "0.05",
        "kl", "on:off",
        "ema", "0");
  }

  /** One configuration of the ablation. */
  record Variant(double alpha, double reinit, boolean kl, boolean entropy) {
    String label() {
      return String.format(
          Locale.ROOT,
          "alpha %s, reinit %s, KL %s, entropy %s",
          alpha,
          reinit,
          kl ? "on" : "off",
          entropy ? "on" : "off");
    }

    String directory() {
      return String.format(
          Locale.ROOT,
          "alpha-%s-reinit-%s-kl-%s-entropy-%s",
          alpha,
          reinit,
          kl ? "on" : "off",
          entropy ? "on" : "off");
    }

    /** The method: a part switched off has weight 0, one switched on its default weight. */
    String method() {
      return String.format(
          Locale.ROOT,
          "improved-cd:reinit=%s,alpha=%s%s%s",
          reinit,
          alpha,
          kl ? "" : ",kl_weight=0",
          entropy ? "" : ",entropy_weight=0");
    }
  }

  /**
   * What one seed of one variant gave.
   *
   * @param diverged whether the run diverged
   * @param modesCovered the modes that fresh chains from the data's range cover
   * @param trainingModesCovered the modes that the training sampler's own chains cover (those of
   *     its last {@link #TRAINING_SAMPLE_STEPS} steps): the distribution q_θ the KL term acts on
   * @param kl the grid KL
   */
  record Outcome(boolean diverged, int modesCovered, int trainingModesCovered, double kl) {}

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    EightGaussians density = new EightGaussians();
    List<Variant> variants = variants(o);
    ScatterPlot samples =
        new ScatterPlot(density.halfWidth()).panel("data", density.sample(1000, 0));
    Map<Variant, List<Outcome>> outcomes = new LinkedHashMap<>();
    Map<String, Object> results = new LinkedHashMap<>();
    for (Variant variant : variants) {
      List<Outcome> seeds = new ArrayList<>();
      for (int seed = 0; seed < o.integer("seeds"); seed++) {
        Path run = out.resolve("runs").resolve(variant.directory()).resolve("seed-" + seed);
        Outcome outcome = trainAndMeasure(variant, seed, run, density, o, samples);
        seeds.add(outcome);
        log.printf(
            Locale.ROOT,
            "%s, seed %d: %s%n",
            variant.label(),
            seed,
            outcome.diverged()
                ? "diverged"
                : String.format(
                    Locale.ROOT,
                    "%d modes (training sampler %d), KL %.3f",
                    outcome.modesCovered(),
                    outcome.trainingModesCovered(),
                    outcome.kl()));
      }
      outcomes.put(variant, seeds);
      results.put(variant.directory(), summary(seeds));
    }
    Path figure = out.resolve("samples.png");
    samples.write(figure);
    return new Report(findings(outcomes), results, List.of("samples.png"));
  }

  /** The stability arm's variants, then the coverage arm's, as {@code arms} asks. */
  static List<Variant> variants(Options o) {
    List<String> arms = List.of(o.string("arms").split(":"));
    for (String arm : arms) {
      if (!arm.equals("stability") && !arm.equals("coverage")) {
        throw new IllegalArgumentException(
            "icd-stability: arms takes stability, coverage or stability:coverage, not '"
                + arm
                + "'");
      }
    }
    double[] rates =
        Arrays.stream(o.string("reinit").split(":")).mapToDouble(Double::parseDouble).toArray();
    List<Variant> variants = new ArrayList<>();
    if (arms.contains("stability")) {
      for (boolean kl : switches(o, "kl")) {
        variants.add(new Variant(o.number("alpha"), rates[0], kl, true));
      }
    }
    if (arms.contains("coverage")) {
      for (double rate : rates) {
        for (boolean entropy : switches(o, "entropy")) {
          Variant variant = new Variant(o.number("coverage_alpha"), rate, true, entropy);
          if (!variants.contains(variant)) {
            variants.add(variant);
          }
        }
      }
    }
    return variants;
  }

  private static List<Boolean> switches(Options o, String key) {
    List<Boolean> values = new ArrayList<>();
    for (String value : o.string(key).split(":")) {
      switch (value) {
        case "on" -> values.add(true);
        case "off" -> values.add(false);
        default ->
            throw new IllegalArgumentException(
                "icd-stability: " + key + " takes on, off or on:off, not '" + value + "'");
      }
    }
    return values;
  }

  private static Outcome trainAndMeasure(
      Variant variant, int seed, Path run, EightGaussians density, Options o, ScatterPlot samples)
      throws IOException {
    LastStepsSamples trainingSamples =
        new LastStepsSamples(run, o.integer("steps"), TRAINING_SAMPLE_STEPS);
    Optional<TrainedEnergy> trained =
        Runs.trainUnlessDiverged(
            Runs.training("toy:" + density.name(), variant.method(), run)
                .steps(o.integer("steps"))
                .seed(seed)
                .learningRate(o.number("lr"))
                .ema(o.number("ema"))
                .listener(trainingSamples),
            o.number("energy_bound"));
    if (trained.isEmpty()) {
      return new Outcome(true, 0, 0, Double.NaN);
    }
    double[] drawn;
    double kl;
    try (TrainedEnergy energy = trained.get()) {
      drawn = Runs.sample(energy, run, 1000, seed).flattened();
      kl = Runs.number(Runs.evaluate(energy, run, Runs.withoutMmd()), "kl");
    }
    if (seed == 0) {
      samples.panel(variant.label(), drawn);
    }
    return new Outcome(
        false,
        modesCovered(density.mixture(), drawn),
        modesCovered(density.mixture(), trainingSamples.points()),
        kl);
  }

  /**
   * The modes holding at least {@link #COVERED_SHARE} of the samples ({@code x, y} pairs), a sample
   * belonging to its nearest mode when within {@link #MODE_RADIUS} of that mode's standard
   * deviations.
   */
  static int modesCovered(GaussianMixture mixture, double[] points) {
    List<GaussianMixture.Component> modes = mixture.components();
    int[] counts = new int[modes.size()];
    int n = points.length / 2;
    for (int i = 0; i < n; i++) {
      int nearest = -1;
      double best = Double.POSITIVE_INFINITY;
      for (int k = 0; k < modes.size(); k++) {
        double dx = points[2 * i] - modes.get(k).mean()[0];
        double dy = points[2 * i + 1] - modes.get(k).mean()[1];
        double distance = Math.sqrt(dx * dx + dy * dy);
        if (distance < best) {
          best = distance;
          nearest = k;
        }
      }
      if (best <= MODE_RADIUS * modes.get(nearest).std()[0]) {
        counts[nearest]++;
      }
    }
    int covered = 0;
    for (int count : counts) {
      if (count >= COVERED_SHARE * n) {
        covered++;
      }
    }
    return covered;
  }

  private static Map<String, Object> summary(List<Outcome> seeds) {
    List<Integer> modes = new ArrayList<>();
    List<Integer> trainingModes = new ArrayList<>();
    List<Double> kls = new ArrayList<>();
    int diverged = 0;
    for (Outcome outcome : seeds) {
      if (outcome.diverged()) {
        diverged++;
      } else {
        modes.add(outcome.modesCovered());
        trainingModes.add(outcome.trainingModesCovered());
        kls.add(outcome.kl());
      }
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("diverged_share", (double) diverged / seeds.size());
    summary.put("modes_covered", modes);
    summary.put("training_modes_covered", trainingModes);
    summary.put("kl", kls);
    summary.put("mean_modes_covered", mean(modes.stream().map(Integer::doubleValue).toList()));
    summary.put(
        "mean_training_modes_covered",
        mean(trainingModes.stream().map(Integer::doubleValue).toList()));
    summary.put("mean_kl", mean(kls));
    return summary;
  }

  private static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /**
   * The claims as findings: for each pair of variants that differ in one switch only (and did not
   * both diverge in every seed), the one the paper favours diverges no more often and covers no
   * fewer modes on average.
   */
  private static List<Report.Finding> findings(Map<Variant, List<Outcome>> outcomes) {
    List<Report.Finding> findings = new ArrayList<>();
    for (Variant with : outcomes.keySet()) {
      Variant withoutKl = new Variant(with.alpha(), with.reinit(), false, with.entropy());
      if (with.kl() && comparable(outcomes, with, withoutKl)) {
        findings.add(
            compare(
                "KL term on against off (α "
                    + with.alpha()
                    + ", reinit "
                    + with.reinit()
                    + ", entropy "
                    + onOff(with.entropy())
                    + ")",
                "the KL term stabilises training",
                outcomes.get(with),
                outcomes.get(withoutKl)));
      }
      Variant withoutEntropy = new Variant(with.alpha(), with.reinit(), with.kl(), false);
      if (with.entropy() && comparable(outcomes, with, withoutEntropy)) {
        findings.add(
            compare(
                "entropy on against off (α "
                    + with.alpha()
                    + ", reinit "
                    + with.reinit()
                    + ", KL "
                    + onOff(with.kl())
                    + ")",
                "the entropy term keeps samples diverse",
                outcomes.get(with),
                outcomes.get(withoutEntropy)));
      }
    }
    List<Double> rates =
        outcomes.keySet().stream().map(Variant::reinit).distinct().sorted().toList();
    for (Variant high : outcomes.keySet()) {
      for (double rate : rates) {
        Variant low = new Variant(high.alpha(), rate, high.kl(), high.entropy());
        if (rate < high.reinit() && comparable(outcomes, high, low)) {
          findings.add(
              compare(
                  "reinit "
                      + high.reinit()
                      + " against "
                      + rate
                      + " (α "
                      + high.alpha()
                      + ", KL "
                      + onOff(high.kl())
                      + ", entropy "
                      + onOff(high.entropy())
                      + ")",
                  "re-initialising 5 % of the chains keeps them exploring",
                  outcomes.get(high),
                  outcomes.get(low)));
        }
      }
    }
    return findings;
  }

  /**
   * Whether both variants ran and at least one finished a seed: two that diverged in every seed
   * have nothing to compare.
   */
  private static boolean comparable(Map<Variant, List<Outcome>> outcomes, Variant a, Variant b) {
    return outcomes.containsKey(a)
        && outcomes.containsKey(b)
        && !(allDiverged(outcomes.get(a)) && allDiverged(outcomes.get(b)));
  }

  private static boolean allDiverged(List<Outcome> seeds) {
    return seeds.stream().allMatch(Outcome::diverged);
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }

  /**
   * Whether {@code favoured} diverges no more often and covers no fewer modes than {@code other},
   * with fresh chains and with the training sampler's.
   */
  private static Report.Finding compare(
      String what, String paper, List<Outcome> favoured, List<Outcome> other) {
    Map<String, Object> a = summary(favoured);
    Map<String, Object> b = summary(other);
    double divergedA = (double) a.get("diverged_share");
    double divergedB = (double) b.get("diverged_share");
    double modesA = (double) a.get("mean_modes_covered");
    double modesB = (double) b.get("mean_modes_covered");
    double trainingA = (double) a.get("mean_training_modes_covered");
    double trainingB = (double) b.get("mean_training_modes_covered");
    boolean holds = divergedA <= divergedB && !(modesA < modesB) && !(trainingA < trainingB);
    return new Report.Finding(
        what,
        paper,
        String.format(
            Locale.ROOT,
            "diverged %.0f %% against %.0f %%; modes covered by fresh chains %.1f against %.1f, by"
                + " the training sampler %.1f against %.1f; KL %.3f against %.3f",
            100 * divergedA,
            100 * divergedB,
            modesA,
            modesB,
            trainingA,
            trainingB,
            (double) a.get("mean_kl"),
            (double) b.get("mean_kl")),
        holds);
  }
}
