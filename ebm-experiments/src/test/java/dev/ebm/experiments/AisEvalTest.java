package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.analytic.GaussianEnergy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Above three dimensions, where no grid applies, {@code ebm eval} estimates log Z by annealed
 * importance sampling and computes the held-out NLL from it: on a Gaussian energy trained in 6-D,
 * both against the closed forms of the trained parameters, {@code log Z = (d/2) log 2π − Σ sᵢ}.
 */
class AisEvalTest {

  private static final int D = 6;

  @TempDir Path dir;

  @Test
  void evalEstimatesLogZAndTheHeldOutLikelihoodInSixDimensions() throws Exception {
    SplittableRandom random = new SplittableRandom(13);
    Path data = dir.resolve("data.csv");
    Path test = dir.resolve("test.csv");
    Files.writeString(data, gaussianCsv(random, 3000));
    Files.writeString(test, gaussianCsv(random, 200));
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
            // The closed forms below read the parameters in the data's units.
            "--no-standardize",
            "--steps",
            "300",
            "--lr",
            "0.05",
            "--ema",
            "0",
            "--run",
            "" + run);
    assertEquals(0, trained.status(), trained.err());
    Cli.Outcome evaluated =
        Cli.run(
            "eval",
            "--run",
            "" + run,
            "--test",
            "" + test,
            "--mmd-chains",
            "0",
            "--ais-levels",
            "300");
    assertEquals(0, evaluated.status(), evaluated.err());
    JsonObject eval =
        JsonParser.parseString(Files.readString(run.resolve("eval.json"))).getAsJsonObject();
    assertFalse(eval.has("log_z_grid"));
    assertEquals("ais", eval.get("log_z_used").getAsString());

    var parameters = Trained.model(run).parameters().values();
    double[] mean = parameters.get(GaussianEnergy.MEAN);
    double[] logDiagonal = parameters.get(GaussianEnergy.LOG_DIAGONAL);
    double[][] precision =
        GaussianEnergy.precision(parameters.get(GaussianEnergy.CHOLESKY), logDiagonal);
    double logZ = GaussianEnergy.logPartition(logDiagonal);
    double se = eval.get("log_z_ais_se").getAsDouble();
    assertEquals(logZ, eval.get("log_z_ais").getAsDouble(), 3 * se + 1e-3, eval.toString());

    double nll = 0;
    var lines = Files.readAllLines(test);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double[] centred = new double[D];
      for (int i = 0; i < D; i++) {
        centred[i] = Double.parseDouble(f[i]) - mean[i];
      }
      double quadratic = 0;
      for (int i = 0; i < D; i++) {
        for (int j = 0; j < D; j++) {
          quadratic += centred[i] * precision[i][j] * centred[j];
        }
      }
      nll += (0.5 * quadratic + logZ) / (lines.size() - 1);
    }
    assertEquals(nll, eval.get("test_nll").getAsDouble(), 3 * se + 2e-3, eval.toString());
  }

  /** Points of a correlated 6-D Gaussian with means 1, −1, 2, 0, 0.5, −2. */
  private static String gaussianCsv(SplittableRandom random, int n) {
    double[] means = {1, -1, 2, 0, 0.5, -2};
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < D; i++) {
      csv.append(i > 0 ? "," : "").append("x").append(i + 1);
    }
    csv.append('\n');
    for (int k = 0; k < n; k++) {
      double shared = random.nextGaussian();
      for (int i = 0; i < D; i++) {
        double value = means[i] + 0.5 * shared + (0.5 + 0.2 * i) * random.nextGaussian();
        csv.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.6f", value));
      }
      csv.append('\n');
    }
    return csv.toString();
  }
}
