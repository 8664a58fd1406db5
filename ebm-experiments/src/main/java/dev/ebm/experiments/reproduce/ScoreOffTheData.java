package dev.ebm.experiments.reproduce;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.Rows;
import dev.ebm.experiments.plot.QuiverPlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code ncsn-fig2}: a score learned by score matching is accurate where the data is and wrong
 * elsewhere. An MLP energy is trained with {@code ebm train --method ssm-vr} on samples of {@code
 * 0.8·N((5,5), I) + 0.2·N((−5,−5), I)}; its Fisher divergence to the true score, {@code E ½‖s_θ(x)
 * − ∇ log p(x)‖²}, is measured on fresh data points and on {@code Uniform[−8, 8]²}, and both score
 * fields are drawn as arrows on a grid.
 */
public final class ScoreOffTheData implements Reproduction {

  /** How many times worse off the data than on it bears the claim out. */
  public static final double RATIO = 10;

  private static final double HALF_WIDTH = 8;
  private static final int ARROWS_PER_AXIS = 21;

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "ncsn-fig2",
          OptionSpec.integer("samples", 10_000, "training samples"),
          OptionSpec.integer("steps", 10_000, "training steps"),
          OptionSpec.integer("points", 2_000, "evaluation points of each kind"),
          OptionSpec.integer("seed", 2019, "seed"));

  @Override
  public String name() {
    return "ncsn-fig2";
  }

  @Override
  public String claim() {
    return "Score matching learns the score where the data is and not in low-density regions: the"
        + " Fisher divergence to the true score on Uniform[-8, 8]^2 is at least "
        + (int) RATIO
        + " times that on the data.";
  }

  @Override
  public String source() {
    return "Song & Ermon 2019, Generative modeling by estimating gradients of the data"
        + " distribution, Section 3.2.1 and Fig. 2";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of("samples", "2000", "steps", "2000", "points", "500");
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    long seed = o.integer("seed");
    Path data =
        DefaultsCheck.writePoints(
            out.resolve("data/train.csv"),
            NcsnToyReproduction.MIXTURE.sample(o.integer("samples"), new SplittableRandom(seed)));
    Path run = out.resolve("runs/ssm-vr");
    Training.Builder training =
        Runs.training("csv:" + data, "ssm-vr", run).steps(o.integer("steps")).seed(seed);
    int n = o.integer("points");
    double[] onData = NcsnToyReproduction.MIXTURE.sample(n, new SplittableRandom(seed + 1));
    double[] uniform = new double[2 * n];
    SplittableRandom random = new SplittableRandom(seed + 2);
    for (int i = 0; i < uniform.length; i++) {
      uniform[i] = random.nextDouble(-HALF_WIDTH, HALF_WIDTH);
    }
    double[] grid = arrowGrid();
    double onDataDivergence;
    double uniformDivergence;
    double[] learnedField;
    try (TrainedEnergy energy = Runs.train(training)) {
      onDataDivergence = fisher(energy, onData);
      uniformDivergence = fisher(energy, uniform);
      learnedField = Rows.flatten(energy.score(Rows.of(grid, 2)));
    }
    double ratio = uniformDivergence / onDataDivergence;
    log.printf(
        Locale.ROOT,
        "Fisher divergence: on the data %.4g, on Uniform[-8, 8]^2 %.4g (ratio %.1f)%n",
        onDataDivergence,
        uniformDivergence,
        ratio);
    new QuiverPlot(HALF_WIDTH)
        .panel("data scores", grid, trueScores(grid), cell())
        .panel("estimated scores (ssm-vr)", grid, learnedField, cell())
        .write(out.resolve("fig2.png"));
    return new Report(
        List.of(
            new Report.Finding(
                "Fisher divergence off the data ≥ " + (int) RATIO + " × on the data",
                "inaccurate outside the high-density regions (Fig. 2)",
                String.format(
                    Locale.ROOT,
                    "%.4g on the data, %.4g on Uniform[-8, 8]², ratio %.0f",
                    onDataDivergence,
                    uniformDivergence,
                    ratio),
                ratio >= RATIO)),
        Map.of(
            "fisher_on_data",
            onDataDivergence,
            "fisher_uniform",
            uniformDivergence,
            "ratio",
            ratio),
        List.of("fig2.png"));
  }

  /** {@code mean ½‖s_θ(x) − ∇ log p(x)‖²} over {@code points}. */
  private static double fisher(TrainedEnergy energy, double[] points) {
    double[] learned = Rows.flatten(energy.score(Rows.of(points, 2)));
    double[] exact = trueScores(points);
    double sum = 0;
    for (int i = 0; i < points.length; i++) {
      double d = learned[i] - exact[i];
      sum += 0.5 * d * d;
    }
    return sum / (points.length / 2);
  }

  private static double[] trueScores(double[] points) {
    double[] out = new double[points.length];
    for (int i = 0; i < points.length; i += 2) {
      double[] s = NcsnToyReproduction.MIXTURE.score(new double[] {points[i], points[i + 1]}, 0);
      out[i] = s[0];
      out[i + 1] = s[1];
    }
    return out;
  }

  private static double cell() {
    return 2 * HALF_WIDTH / (ARROWS_PER_AXIS - 1);
  }

  private static double[] arrowGrid() {
    double[] grid = new double[2 * ARROWS_PER_AXIS * ARROWS_PER_AXIS];
    int k = 0;
    for (int iy = 0; iy < ARROWS_PER_AXIS; iy++) {
      for (int ix = 0; ix < ARROWS_PER_AXIS; ix++) {
        grid[k++] = -HALF_WIDTH + ix * cell();
        grid[k++] = -HALF_WIDTH + iy * cell();
      }
    }
    return grid;
  }
}
