package dev.ebm.experiments.reproduce;

import dev.ebm.api.Evaluation;
import dev.ebm.api.Samples;
import dev.ebm.api.Sampling;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.toy.ToyDensities;
import dev.ebm.core.data.toy.ToyDensity;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.experiments.output.SampleFiles;
import dev.ebm.experiments.plot.LinePlot;
import dev.ebm.experiments.plot.ScatterPlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.DoubleStream;
import org.tensorflow.ndarray.Shape;

/**
 * {@code anatomy-2d}: convergent against non-convergent maximum likelihood, in Nijkamp et al.'s two
 * regimes as their code runs them on 2-D data (the toy configurations of their repository):
 *
 * <ul>
 *   <li><em>convergent</em>: a persistent bank of 10 000 chains started uniform on [−1, 1]², each
 *       step drawing a batch of 100 of them and running L = 500 Langevin steps of ε = 0.125; SGD
 *       without momentum at 0.1·ε²/2;
 *   <li><em>short-run</em> (non-convergent): chains from N(0, I), L = 100 steps of ε = 0.01; Adam
 *       at 1e-4.
 * </ul>
 *
 * Their Langevin step is {@code x ← x − ∇f + εz} on a network output f, i.e. ours, {@code x ← x −
 * (ε²/2)∇E + εz}, on {@code E = (2/ε²)·f}: the model is their toy network's widths (2 → 32 → 64 →
 * 64 → 64 → 1, leaky ReLU) with {@code energy_scale = 2/ε²}, so that E, the loss {@code E(data) −
 * E(samples)} (their d_st·2/ε²) and the density {@code exp(−E)} are theirs. Without the energy
 * regulariser and the moving average, as they train. The data: eight Gaussians of std 0.15 on a
 * circle of radius 1, and four rings of radii 1–4, std 0.15.
 *
 * <p>Each energy is measured by its grid KL, the MMD² against the data of the training sampler's
 * own chains (its last steps') and of long-run chains (the training sampler run {@code long_run}
 * steps from uniform starts over the data's range: the steady state the energy defines), and by the
 * paper's diagnostic: the trajectory of {@code d_st = mean E(data) − mean E(samples)}, its mean and
 * spread over the second half of training, and its correlation with the samples' mean gradient
 * norm.
 */
public final class ShortRunAnatomy implements Reproduction {

  /** One of the two regimes: its chains, optimiser, rate and steps. */
  record Regime(String label, String chains, int chainSteps, double epsilon, boolean sgd) {

    /** The method spec, in our Langevin convention with τ = 1. */
    String method() {
      return String.format(
          Locale.ROOT, "ml:%s,steps=%d,epsilon=%s,alpha=0", chains, chainSteps, epsilon);
    }

    /** The model: the paper's toy network widths, its output scaled by 2/ε². */
    String model() {
      return String.format(
          Locale.ROOT,
          "mlp:hidden=32:64:64:64,activation=leaky_relu,energy_scale=%s",
          2 / (epsilon * epsilon));
    }
  }

  static final Regime CONVERGENT =
      new Regime("convergent", "chains=persistent,bank=10000,init=uniform", 500, 0.125, true);

  static final Regime SHORT_RUN =
      new Regime("short-run", "chains=noise,init=gaussian,init_std=1", 100, 0.01, false);

  private static final Map<String, String> DENSITIES =
      Map.of(
          "8gaussians", "toy:8gaussians:radius=1,std=0.15",
          "rings", "toy:rings:radii=1:2:3:4,std=0.15");

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "anatomy-2d",
          OptionSpec.text("densities", "8gaussians:rings", "8gaussians, rings, or both by ':'"),
          OptionSpec.integer(
              "convergent_steps", 2_000, "training steps of the convergent run (paper: 200 000)"),
          OptionSpec.integer(
              "short_run_steps", 10_000, "training steps of the short-run run (paper: 100 000)"),
          OptionSpec.number(
              "sgd_lr", 0.1, "the convergent run's SGD rate, times ε²/2 (paper: 0.1)"),
          OptionSpec.number("adam_lr", 1e-4, "the short-run run's Adam rate (paper: 1e-4)"),
          OptionSpec.integer("batch", 100, "batch size (paper: 100)"),
          OptionSpec.integer("long_run", 10_000, "Langevin steps of the long-run chains"),
          OptionSpec.integer("log_every", 10, "steps between logged d_st values"),
          OptionSpec.integer("seed", 0, "seed"));

  /** The last steps whose training chains give the training sampler's samples. */
  private static final int TRAINING_SAMPLE_STEPS = 10;

  @Override
  public String name() {
    return "anatomy-2d";
  }

  @Override
  public String claim() {
    return "Convergent maximum likelihood (persistent chains that mix) learns an energy whose"
        + " density, and whose long-run chains, are close to the data; non-convergent short-run"
        + " learning (noise-initialised 100-step chains) does not, while its short-run samples"
        + " are close to the data; in both, d_st = E(data) − E(samples) oscillates about 0.";
  }

  @Override
  public String source() {
    return "Nijkamp, Hill, Han, Zhu & Wu 2020, On the anatomy of MCMC-based maximum likelihood"
        + " learning of energy-based models, Sections 3–4 (2-D experiments; settings from the"
        + " toy configurations of their code)";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    return Map.of(
        "densities", "rings",
        "convergent_steps", "40",
        "short_run_steps", "300",
        "long_run", "1000");
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    List<Report.Finding> findings = new ArrayList<>();
    Map<String, Object> results = new LinkedHashMap<>();
    List<String> figures = new ArrayList<>();
    LinePlot trace = new LinePlot();
    for (String density : o.string("densities").split(":")) {
      if (!DENSITIES.containsKey(density)) {
        throw new IllegalArgumentException(
            "anatomy-2d: densities takes 8gaussians, rings or both, not '" + density + "'");
      }
      ToyDensity toy = ToyDensities.byName(DENSITIES.get(density).substring("toy:".length()));
      ScatterPlot samples =
          new ScatterPlot(toy.halfWidth()).panel("data", toy.sample(1000, o.integer("seed")));
      Map<String, Double> convergent = train(out, density, CONVERGENT, o, trace, samples);
      Map<String, Double> shortRun = train(out, density, SHORT_RUN, o, trace, samples);
      String samplesFigure = "samples-" + density + ".png";
      samples.write(out.resolve(samplesFigure));
      figures.add(samplesFigure);
      results.put(density, Map.of("convergent", convergent, "short_run", shortRun));
      double longRunSteps = o.integer("long_run");
      findings.add(
          below(
              density + ": the convergent energy's KL below the short-run energy's",
              "convergent p_θ ≈ p_data; short-run p_θ is not",
              "%.3f against %.3f",
              convergent.get("kl"),
              shortRun.get("kl")));
      findings.add(
          below(
              density
                  + ": the convergent energy's long-run chains nearer the data than the"
                  + " short-run energy's",
              "convergent ML's steady state is the data; non-convergent ML's is not",
              "MMD² %.4f against %.4f (%.0f steps)",
              convergent.get("mmd2_long_run"),
              shortRun.get("mmd2_long_run"),
              longRunSteps));
      findings.add(
          below(
              density + ": short-run samples nearer the data than its long-run chains",
              "short-run samples realistic, long-run samples not",
              "MMD² %.4f (training sampler) against %.4f (%.0f steps)",
              shortRun.get("mmd2_training_sampler"),
              shortRun.get("mmd2_long_run"),
              longRunSteps));
      Map<String, Map<String, Double>> regimes = new LinkedHashMap<>();
      regimes.put(CONVERGENT.label(), convergent);
      regimes.put(SHORT_RUN.label(), shortRun);
      for (Map.Entry<String, Map<String, Double>> regime : regimes.entrySet()) {
        Map<String, Double> m = regime.getValue();
        findings.add(
            new Report.Finding(
                density + ", " + regime.getKey() + ": d_st oscillates about 0",
                "d_st ≈ 0 at equilibrium, oscillating with the gradient magnitude",
                String.format(
                    Locale.ROOT,
                    "second half: mean %.3g, std %.3g; correlation with the samples' gradient"
                        + " norm %.2f",
                    m.get("dst_mean"),
                    m.get("dst_std"),
                    m.get("dst_gradient_correlation")),
                Math.abs(m.get("dst_mean")) <= m.get("dst_std")));
      }
      figures.add("runs/" + density + "/convergent/figures/density.png");
      figures.add("runs/" + density + "/short-run/figures/density.png");
    }
    trace.write(out.resolve("dst.png"));
    figures.add(0, "dst.png");
    return new Report(findings, results, figures);
  }

  /**
   * A finding that holds when {@code favoured} is below {@code other}; {@code ours} formats the two
   * (then any {@code more} values).
   */
  private static Report.Finding below(
      String what, String paper, String ours, double favoured, double other, double... more) {
    Object[] values =
        DoubleStream.concat(DoubleStream.of(favoured, other), DoubleStream.of(more))
            .boxed()
            .toArray();
    return new Report.Finding(
        what, paper, String.format(Locale.ROOT, ours, values), favoured < other);
  }

  /**
   * Trains one regime on one density and measures it: grid KL, MMD² of the training sampler's last
   * chains and of long-run chains, and the d_st statistics; adds its d_st and gradient-norm traces
   * to {@code trace} and both sets of samples to {@code samples}.
   */
  private static Map<String, Double> train(
      Path out, String density, Regime regime, Options o, LinePlot trace, ScatterPlot samples)
      throws IOException {
    Path run = out.resolve("runs").resolve(density).resolve(regime.label());
    int steps = o.integer(regime.sgd() ? "convergent_steps" : "short_run_steps");
    LastStepsSamples trainingSamples = new LastStepsSamples(run, steps, TRAINING_SAMPLE_STEPS);
    Training.Builder training =
        Runs.training(DENSITIES.get(density), regime.method(), run)
            .model(regime.model())
            .batch(o.integer("batch"))
            .steps(steps)
            .seed(o.integer("seed"))
            .ema(0)
            .logEvery(o.integer("log_every"))
            .listener(trainingSamples);
    if (regime.sgd()) {
      double epsilon = regime.epsilon();
      training.optimizer(Training.Optimizer.SGD, o.number("sgd_lr") * epsilon * epsilon / 2);
    } else {
      training.learningRate(o.number("adam_lr"));
    }
    Map<String, Double> measured = new LinkedHashMap<>();
    try (TrainedEnergy energy = Runs.train(training)) {
      double[] trainingPoints = trainingSamples.points();
      measured.put("mmd2_training_sampler", mmd(energy, run, trainingPoints, energy.sampleShape()));
      samples.panel(regime.label() + ": training sampler", trainingPoints);
      Samples longRun =
          energy.sample(
              Sampling.langevin(new LangevinStep(regime.epsilon(), 1.0))
                  .chains(1000)
                  .steps(o.integer("long_run")));
      SampleFiles.write(run.resolve("long-run"), energy, longRun);
      samples.panel(
          regime.label() + ": long-run (" + o.integer("long_run") + " steps)", longRun.flattened());
      measured.put("mmd2_long_run", mmd(energy, run, longRun.flattened(), energy.sampleShape()));
      measured.put("kl", Runs.number(Runs.evaluate(energy, run, Runs.withoutMmd()), "kl"));
    }
    double[][] dst = RunMetrics.series(run, "d_st");
    double[][] gradient = RunMetrics.series(run, "sample_grad_norm");
    measured.putAll(DstStatistics.of(dst[1], gradient[1]).asMap());
    String title = density + ", " + regime.label();
    trace.panel(title + ": d_st").series("d_st", dst[0], dst[1]);
    trace.panel(title + ": samples' gradient norm").series("|∇E|", gradient[0], gradient[1]);
    return measured;
  }

  /** MMD² against the data of {@code points}. */
  private static double mmd(TrainedEnergy energy, Path run, double[] points, Shape shape)
      throws IOException {
    return Runs.number(
        Runs.evaluate(energy, run, Evaluation.standard().withSamples(Dataset.of(points, shape))),
        "mmd2");
  }
}
