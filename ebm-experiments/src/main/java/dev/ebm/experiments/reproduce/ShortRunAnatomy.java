package dev.ebm.experiments.reproduce;

import dev.ebm.api.Evaluation;
import dev.ebm.api.Samples;
import dev.ebm.api.Sampling;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.Dataset;
import dev.ebm.experiments.output.SampleFiles;
import dev.ebm.experiments.plot.LinePlot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.DoubleStream;

/**
 * {@code anatomy-2d}: convergent against non-convergent maximum likelihood. On each density, {@code
 * ebm train} runs {@code ml} with persistent chains (convergent: the chains keep mixing across
 * training) and with noise-initialised chains of 100 steps (short-run); {@code ebm eval} measures
 * each energy's grid KL, the MMD² of samples drawn as in training (from noise, 100 steps for the
 * short-run model) and of long-run chains (10 000 steps from uniform starts over the data's range,
 * for both models: the steady state each energy defines); the trace of {@code d_st = E(data) −
 * E(samples)} comes from the run's metrics. Both train without the energy regulariser ({@code
 * alpha=0}), as the paper does.
 */
public final class ShortRunAnatomy implements Reproduction {

  private static final OptionSchema SETTINGS =
      OptionSchema.of(
          "anatomy-2d",
          OptionSpec.text("densities", "rings:8gaussians", "the toy densities, separated by ':'"),
          OptionSpec.integer("steps", 3_000, "training steps"),
          OptionSpec.integer("long_run", 10_000, "Langevin steps of the long-run chains"),
          OptionSpec.number("ema", 0.999, "moving-average decay (ebm train's default)"),
          OptionSpec.integer("seed", 0, "seed"));

  @Override
  public String name() {
    return "anatomy-2d";
  }

  @Override
  public String claim() {
    return "Convergent maximum likelihood (persistent chains that mix) learns an energy whose"
        + " density, and whose long-run chains, are close to the data; non-convergent short-run"
        + " learning (noise-initialised 100-step chains) does not, while its short-run samples"
        + " are close to the data.";
  }

  @Override
  public String source() {
    return "Nijkamp, Hill, Han, Zhu & Wu 2020, On the anatomy of MCMC-based maximum likelihood"
        + " learning of energy-based models, Sections 3–4 (2-D experiments)";
  }

  @Override
  public OptionSchema settings() {
    return SETTINGS;
  }

  @Override
  public Map<String, String> quickSettings() {
    // Without the average, which after 600 steps still holds 55 % of the initial parameters.
    return Map.of("densities", "rings", "steps", "600", "long_run", "1000", "ema", "0");
  }

  @Override
  public Report run(Options o, Path out, PrintStream log) throws IOException {
    List<Report.Finding> findings = new ArrayList<>();
    Map<String, Object> results = new LinkedHashMap<>();
    List<String> figures = new ArrayList<>();
    LinePlot trace = new LinePlot();
    for (String density : o.string("densities").split(":")) {
      Map<String, Double> convergent =
          train(out, density, "convergent", "ml:chains=persistent,alpha=0", 0, o);
      Map<String, Double> shortRun =
          train(out, density, "short-run", "ml:chains=noise,steps=100,alpha=0", 100, o);
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
              "MMD² %.4f (100 steps) against %.4f (%.0f steps)",
              shortRun.get("mmd2_training_sampler"),
              shortRun.get("mmd2_long_run"),
              longRunSteps));
      double[][] dst =
          RunMetrics.series(out.resolve("runs").resolve(density).resolve("convergent"), "d_st");
      trace.panel(density + ": d_st of the convergent run").series("d_st", dst[0], dst[1]);
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
   * Trains one run and measures it: grid KL, MMD² of samples drawn with the training chains' length
   * from noise ({@code trainingSteps}; 0: only long-run chains) and of long-run chains.
   */
  private static Map<String, Double> train(
      Path out, String density, String label, String method, int trainingSteps, Options o)
      throws IOException {
    Path run = out.resolve("runs").resolve(density).resolve(label);
    Map<String, Double> measured = new LinkedHashMap<>();
    try (TrainedEnergy energy =
        Runs.train(
            Runs.training("toy:" + density, method, run)
                .steps(o.integer("steps"))
                .seed(o.integer("seed"))
                .ema(o.number("ema")))) {
      if (trainingSteps > 0) {
        measured.put("mmd2_training_sampler", mmd(energy, run, trainingSteps, "training-sampler"));
      }
      measured.put("mmd2_long_run", mmd(energy, run, o.integer("long_run"), "long-run"));
      measured.put("kl", Runs.number(Runs.evaluate(energy, run, Runs.withoutMmd()), "kl"));
    }
    return measured;
  }

  /**
   * MMD² against the data of 1 000 chains of {@code steps} fitted Langevin steps from the data's
   * range, their files written under {@code run/name}.
   */
  private static double mmd(TrainedEnergy energy, Path run, int steps, String name)
      throws IOException {
    Samples samples = energy.sample(Sampling.defaults().chains(1000).steps(steps));
    SampleFiles.write(run.resolve(name), energy, samples);
    return Runs.number(
        Runs.evaluate(
            energy,
            run,
            Evaluation.standard()
                .withSamples(Dataset.of(samples.flattened(), energy.sampleShape()))),
        "mmd2");
  }
}
