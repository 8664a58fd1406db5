package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.trained.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * {@code train → sample → score → eval → compose → export} through the command line, on a Gaussian
 * energy whose trained parameters give every exact answer: its samples' mean and covariance, its
 * score {@code −P(x − μ)}, its {@code log Z = (d/2) log 2π − log det L}, and the composed energy
 * {@code 2E}.
 */
class UseEndToEndTest {

  @TempDir Path dir;

  private static JsonObject diagnostics(Path samples) throws Exception {
    return JsonParser.parseString(Files.readString(samples.resolve("diagnostics.json")))
        .getAsJsonObject();
  }

  @Test
  void everyToolAgreesWithTheTrainedGaussiansClosedForms() throws Exception {
    Path data = dir.resolve("gaussian.csv");
    StringBuilder csv = new StringBuilder("x,y\n");
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 4000; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      csv.append(String.format(Locale.ROOT, "%.6f,%.6f%n", 1 + 1.2 * a, -2 + 0.4 * a + 0.7 * b));
    }
    Files.writeString(data, csv);
    Path run = dir.resolve("run");
    Cli.Outcome trained =
        Cli.run(
            "train",
            "--data",
            "csv:" + data,
            "--model",
            "gaussian",
            "--method",
            "esm",
            // The closed forms below read the parameters, which are in the data's units only if
            // the model trained on the data as it is.
            "--no-standardize",
            "--steps",
            "300",
            "--lr",
            "0.05",
            "--ema",
            "0",
            "--run",
            run.toString(),
            "--log-every",
            "100");
    assertEquals(0, trained.status(), trained.err());

    // The trained model's own closed forms.
    TrainedModel model = Trained.model(run);
    double[] mean = model.parameters().values().get(GaussianEnergy.MEAN);
    double[] logDiagonal = model.parameters().values().get(GaussianEnergy.LOG_DIAGONAL);
    double[][] precision =
        GaussianEnergy.precision(
            model.parameters().values().get(GaussianEnergy.CHOLESKY), logDiagonal);
    double det = precision[0][0] * precision[1][1] - precision[0][1] * precision[1][0];
    double[][] covariance = {
      {precision[1][1] / det, -precision[0][1] / det},
      {-precision[1][0] / det, precision[0][0] / det}
    };

    // sample: mean and covariance within Monte Carlo error and Langevin's small bias.
    Cli.Outcome sampled =
        Cli.run("sample", "--run", run.toString(), "--chains", "3000", "--steps", "1500");
    assertEquals(0, sampled.status(), sampled.err());
    List<double[]> samples = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("samples/samples.csv"))) {
      if (!line.startsWith("x")) {
        String[] f = line.split(",");
        samples.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
      }
    }
    double[] m = new double[2];
    samples.forEach(
        s -> {
          m[0] += s[0] / samples.size();
          m[1] += s[1] / samples.size();
        });
    double[][] c = new double[2][2];
    for (double[] s : samples) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          c[i][j] += (s[i] - m[i]) * (s[j] - m[j]) / (samples.size() - 1);
        }
      }
    }
    for (int i = 0; i < 2; i++) {
      assertEquals(mean[i], m[i], 0.1, "sample mean " + i);
      for (int j = 0; j < 2; j++) {
        assertEquals(
            covariance[i][j],
            c[i][j],
            0.1 * Math.max(1, covariance[i][i]),
            "sample covariance " + i + j);
      }
    }

    // sample's diagnostics: samples the score agrees with; MALA at its target acceptance, its
    // chains mixed (Langevin's small steps leave each chain's 20 recorded states correlated, so
    // its R-hat stays above 1 although the 3 000 chains together are in equilibrium).
    JsonObject langevin = diagnostics(run.resolve("samples"));
    assertTrue(Math.abs(langevin.get("ksd2").getAsDouble()) < 0.01, langevin.toString());
    assertTrue(langevin.get("rhat_energy").getAsDouble() > 1, langevin.toString());
    Path malaOut = dir.resolve("mala");
    Cli.Outcome mala =
        Cli.run(
            "sample",
            "--run",
            run.toString(),
            "--sampler",
            "mala",
            "--sampler-options",
            "steps=400",
            "--out",
            malaOut.toString());
    assertEquals(0, mala.status(), mala.err());
    JsonObject adjusted = diagnostics(malaOut);
    assertEquals(0.574, adjusted.get("acceptance_rate").getAsDouble(), 0.05, adjusted.toString());
    assertTrue(adjusted.get("rhat_max_coordinate").getAsDouble() < 1.05, adjusted.toString());
    assertTrue(adjusted.get("ess_energy").getAsDouble() > 1000, adjusted.toString());

    // score: −P(x − μ) at given points.
    double[][] points = {{0.5, -1.5}, {2, -2.5}, {-1, 0}};
    Path pointsCsv = dir.resolve("points.csv");
    StringBuilder p = new StringBuilder("x,y\n");
    for (double[] q : points) {
      p.append(q[0]).append(',').append(q[1]).append('\n');
    }
    Files.writeString(pointsCsv, p);
    Path scores = dir.resolve("scores.csv");
    Cli.Outcome scored =
        Cli.run(
            "score",
            "--run",
            run.toString(),
            "--points",
            pointsCsv.toString(),
            "--out",
            scores.toString());
    assertEquals(0, scored.status(), scored.err());
    List<String> rows =
        Files.readAllLines(scores).stream().filter(l -> !l.startsWith("#")).skip(1).toList();
    double logZ = GaussianEnergy.logPartition(logDiagonal);
    for (int k = 0; k < points.length; k++) {
      String[] f = rows.get(k).split(",");
      double dx = points[k][0] - mean[0];
      double dy = points[k][1] - mean[1];
      double energy =
          0.5
              * (dx * (precision[0][0] * dx + precision[0][1] * dy)
                  + dy * (precision[1][0] * dx + precision[1][1] * dy));
      assertEquals(energy, Double.parseDouble(f[2]), 1e-4 * Math.max(1, energy), "energy " + k);
      assertEquals(
          -(precision[0][0] * dx + precision[0][1] * dy),
          Double.parseDouble(f[3]),
          1e-4,
          "score x " + k);
      assertEquals(
          -(precision[1][0] * dx + precision[1][1] * dy),
          Double.parseDouble(f[4]),
          1e-4,
          "score y " + k);
      assertEquals(-energy - logZ, Double.parseDouble(f[5]), 2e-3, "log density " + k);
    }

    // eval: the grid's log Z and annealed importance sampling's against the closed form.
    Cli.Outcome evaluated =
        Cli.run(
            "eval",
            "--run",
            run.toString(),
            "--test",
            pointsCsv.toString(),
            "--ais",
            "on",
            "--ais-levels",
            "200");
    assertEquals(0, evaluated.status(), evaluated.err());
    JsonObject eval =
        JsonParser.parseString(Files.readString(run.resolve("eval.json"))).getAsJsonObject();
    assertEquals(logZ, eval.get("log_z_grid").getAsDouble(), 2e-3);
    double aisError = 3 * eval.get("log_z_ais_se").getAsDouble() + 1e-3;
    assertEquals(logZ, eval.get("log_z_ais").getAsDouble(), aisError, eval.toString());

    // compose (E + E = 2E) and export: the SavedModel gives twice the energy.
    Path doubled = dir.resolve("doubled");
    assertEquals(
        0,
        Cli.run(
                "compose",
                "--expert",
                run.toString(),
                "--expert",
                run.toString(),
                "--out",
                doubled.toString())
            .status());
    Path saved = dir.resolve("saved");
    assertEquals(
        0, Cli.run("export", "--run", doubled.toString(), "--out", saved.toString()).status());
    try (SavedModelBundle bundle = SavedModelBundle.load(saved.toString(), "serve");
        TFloat32 x = TFloat32.tensorOf(Shape.of(1, 2), DataBuffers.of(new float[] {0.5f, -1.5f}));
        Result result = bundle.function("energy").call(Map.of("x", x))) {
      float exported = ((TFloat32) result.get("energy").orElseThrow()).getFloat(0);
      assertEquals(2 * Double.parseDouble(rows.get(0).split(",")[2]), exported, 1e-4);
    }
  }
}
