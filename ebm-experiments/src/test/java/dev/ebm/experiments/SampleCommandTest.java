package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.trained.ChainRunner;
import dev.ebm.core.trained.GraphEnergyFunction;
import dev.ebm.core.trained.GraphSampling;
import dev.ebm.core.trained.SamplingPlan;
import dev.ebm.core.trained.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * {@code ebm sample}: Langevin samples of a Gaussian energy have its mean and covariance; the
 * command writes samples, a plot and its settings; a run trained by ncsn is sampled with its own
 * annealed sampler; a SavedModel can be sampled; bad input writes nothing.
 */
class SampleCommandTest {

  @TempDir Path dir;

  @Test
  void langevinSamplesOfAGaussianHaveItsMeanAndCovariance() {
    double[] mean = {1.0, -0.5};
    double[][] precision = {{2.0, 0.6}, {0.6, 1.0}};
    GaussianEnergy gaussian = GaussianEnergy.of(mean, precision);
    ParameterSnapshot values;
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 0)) {
      VariableSet<TFloat32> variables = graph.createVariables("model", gaussian.parameterSpecs());
      graph.initialize();
      values = ParameterSnapshot.read(graph, variables.read());
    }
    DataStatistics box = DataStatistics.of(Dataset.of(new double[] {-3, -3, 3, 3}, Shape.of(2)));
    TrainedModel run = new TrainedModel(gaussian, values, 0, OptionalDouble.empty(), box);
    int chains = 4000;
    double[] start = new double[2 * chains];
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < start.length; i++) {
      start[i] = random.nextDouble(-3, 3);
    }
    double[] samples;
    try (GraphEnergyFunction energy = new GraphEnergyFunction(run, "gaussian")) {
      // ε = 0.1: the unadjusted chain's covariance is biased by about ε²λ_max/4 ≈ 0.6 %; 2 000
      // steps are a time of 10, e^(−10 λ_min) ≈ 10⁻³ of the start left over.
      samples =
          ChainRunner.run(
              energy,
              SamplingPlan.langevin(new LangevinStep(0.1, 1), 2000),
              start,
              2,
              (n, x) -> {});
    }
    double[] m = new double[2];
    for (int c = 0; c < chains; c++) {
      m[0] += samples[2 * c] / chains;
      m[1] += samples[2 * c + 1] / chains;
    }
    double[][] cov = new double[2][2];
    for (int c = 0; c < chains; c++) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          cov[i][j] += (samples[2 * c + i] - m[i]) * (samples[2 * c + j] - m[j]) / (chains - 1);
        }
      }
    }
    double det = precision[0][0] * precision[1][1] - precision[0][1] * precision[1][0];
    double[][] exact = {
      {precision[1][1] / det, -precision[0][1] / det},
      {-precision[1][0] / det, precision[0][0] / det}
    };
    // Standard errors with 4 000 chains: mean ≈ 0.02, covariance ≈ 0.03 (entries up to 1.2).
    assertEquals(mean[0], m[0], 0.07);
    assertEquals(mean[1], m[1], 0.07);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        assertEquals(exact[i][j], cov[i][j], 0.08, "covariance " + i + "," + j);
      }
    }
  }

  @Test
  void anySamplerRunsInTheRunsGraph() {
    double[] mean = {1.0, -0.5};
    GaussianEnergy gaussian = GaussianEnergy.of(mean, new double[][] {{2.0, 0.6}, {0.6, 1.0}});
    ParameterSnapshot values;
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 0)) {
      VariableSet<TFloat32> variables = graph.createVariables("model", gaussian.parameterSpecs());
      graph.initialize();
      values = ParameterSnapshot.read(graph, variables.read());
    }
    DataStatistics box = DataStatistics.of(Dataset.of(new double[] {-3, -3, 3, 3}, Shape.of(2)));
    TrainedModel run = new TrainedModel(gaussian, values, 0, OptionalDouble.empty(), box);
    int chains = 2000;
    double[] start = new double[2 * chains];
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < start.length; i++) {
      start[i] = random.nextDouble(-3, 3);
    }
    double[] samples =
        GraphSampling.sample(run, LangevinSampler.of(2000, new LangevinStep(0.1, 1)), start, 3);
    double[] m = new double[2];
    for (int c = 0; c < chains; c++) {
      m[0] += samples[2 * c] / chains;
      m[1] += samples[2 * c + 1] / chains;
    }
    assertEquals(mean[0], m[0], 0.08);
    assertEquals(mean[1], m[1], 0.08);
  }

  @Test
  void writesSamplesAPlotAndTheSettings() throws Exception {
    Path run = dir.resolve("dsm");
    Cli.Outcome trained =
        Cli.run(
            "train",
            "--data",
            "toy:moons",
            "--model",
            "mlp:hidden=8",
            "--method",
            "dsm:sigma=0.3",
            "--steps",
            "20",
            "--run",
            run.toString(),
            "--log-every",
            "10");
    assertEquals(0, trained.status(), trained.err());
    Cli.Outcome sampled =
        Cli.run("sample", "--run", run.toString(), "--chains", "50", "--steps", "30");
    assertEquals(0, sampled.status(), sampled.err());
    Path samples = run.resolve("samples");
    assertEquals(
        51, Files.readAllLines(samples.resolve("samples.csv")).size(), "a header and 50 rows");
    assertTrue(Files.size(samples.resolve("samples.png")) > 0);
    JsonObject settings =
        JsonParser.parseString(Files.readString(samples.resolve("sampler.json"))).getAsJsonObject();
    assertEquals(50, settings.get("chains").getAsInt());
    assertTrue(settings.get("updates").toString().contains("30 x x <- x -"), settings.toString());

    Path saved = dir.resolve("saved");
    assertEquals(0, Cli.run("export", "--run", run.toString(), "--out", saved.toString()).status());
    Cli.Outcome noRange =
        Cli.run("sample", "--saved", saved.toString(), "--out", dir.resolve("s").toString());
    assertEquals(2, noRange.status());
    assertTrue(noRange.err().contains("--init-range"), noRange.err());
    Cli.Outcome fromSaved =
        Cli.run(
            "sample",
            "--saved",
            saved.toString(),
            "--out",
            dir.resolve("s").toString(),
            "--init-range",
            "-2:2",
            "--chains",
            "20",
            "--steps",
            "10",
            "--convention",
            "ncsn-toy",
            "--step-size",
            "0.01");
    assertEquals(0, fromSaved.status(), fromSaved.err());
    assertEquals(21, Files.readAllLines(dir.resolve("s").resolve("samples.csv")).size());

    Cli.Outcome unknown =
        Cli.run(
            "sample",
            "--run",
            run.toString(),
            "--sampler",
            "nuts",
            "--out",
            dir.resolve("t").toString());
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("annealed-langevin, hmc, langevin, mala"), unknown.err());
    Cli.Outcome badConvention =
        Cli.run(
            "sample",
            "--run",
            run.toString(),
            "--convention",
            "mala",
            "--step-size",
            "0.1",
            "--out",
            dir.resolve("t").toString());
    assertEquals(2, badConvention.status());
    assertTrue(
        badConvention.err().contains("ours, ncsn-image, ncsn-toy or anatomy"), badConvention.err());
    assertFalse(Files.exists(dir.resolve("t")), "nothing written");
    Cli.Outcome ignoredOptions =
        Cli.run(
            "sample",
            "--run",
            run.toString(),
            "--sampler",
            "langevin",
            "--sampler-options",
            "steps=10",
            "--out",
            dir.resolve("u").toString());
    assertEquals(2, ignoredOptions.status());
    assertTrue(
        ignoredOptions.err().contains("--sampler-options sets samplers other than langevin"),
        ignoredOptions.err());
    assertFalse(Files.exists(dir.resolve("u")), "nothing written");
    Cli.Outcome notImages =
        Cli.run("sample", "--run", run.toString(), "--chains", "5", "--steps", "2", "--quality");
    assertEquals(2, notImages.status());
    assertTrue(notImages.err().contains("28x28x1"), notImages.err());
  }

  /** Needs Fashion-MNIST ({@code apt-get install -y dataset-fashion-mnist}, as .ci/run does). */
  @Test
  void fashionMnistSamplesGetAQualityReport() throws Exception {
    assumeTrue(
        Files.isDirectory(dev.ebm.experiments.quality.FashionMnist.INSTALLED),
        "install the Debian package dataset-fashion-mnist");
    Path run = dir.resolve("fmnist");
    Cli.Outcome trained =
        Cli.run(
            "train",
            "--data",
            "idx:/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz",
            "--model",
            "mlp:hidden=16",
            "--method",
            "dsm:sigma=0.3",
            "--steps",
            "20",
            "--batch",
            "32",
            "--run",
            run.toString());
    assertEquals(0, trained.status(), trained.err());
    Cli.Outcome sampled =
        Cli.run(
            "sample",
            "--run",
            run.toString(),
            "--chains",
            "100",
            "--steps",
            "20",
            "--quality",
            "--quality-cache",
            dir.resolve("cache").toString());
    assertEquals(0, sampled.status(), sampled.err());
    assertTrue(sampled.out().contains("Fréchet distance in classifier features"), sampled.out());
    JsonObject quality =
        JsonParser.parseString(Files.readString(run.resolve("samples").resolve("quality.json")))
            .getAsJsonObject();
    assertEquals(100, quality.get("images").getAsInt());
    assertTrue(
        quality.get("frechet_distance_noise").getAsDouble()
            > quality.get("frechet_distance_held_out_real").getAsDouble(),
        quality.toString());
    assertTrue(quality.get("classifier_test_accuracy").getAsDouble() > 0.8, quality.toString());
  }

  @Test
  void aRunTrainedByNcsnIsSampledWithItsOwnAnnealedSampler() throws Exception {
    Path run = dir.resolve("ncsn");
    Cli.Outcome trained =
        Cli.run(
            "train",
            "--data",
            "toy:8gaussians",
            "--model",
            "mlp:hidden=8,noise_conditional=true",
            "--method",
            "ncsn:sigma_max=2,sigma_min=0.1,levels=3,steps_per_level=7,convention=toy,epsilon=0.01",
            "--steps",
            "10",
            "--run",
            run.toString(),
            "--log-every",
            "10");
    assertEquals(0, trained.status(), trained.err());
    Cli.Outcome sampled = Cli.run("sample", "--run", run.toString(), "--chains", "30");
    assertEquals(0, sampled.status(), sampled.err());
    JsonObject settings =
        JsonParser.parseString(Files.readString(run.resolve("samples").resolve("sampler.json")))
            .getAsJsonObject();
    assertEquals(21, settings.get("total_steps").getAsInt(), "3 levels of 7 steps");
    String updates = settings.get("updates").toString();
    assertTrue(updates.contains("at sigma 2.0") && updates.contains("at sigma 0.1"), updates);
  }
}
