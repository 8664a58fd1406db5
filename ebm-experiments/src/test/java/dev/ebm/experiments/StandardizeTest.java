package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.model.StandardizedEnergy;
import dev.ebm.core.trained.TrainedModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ebm train --standardize}: the model trains on standardised data, and everything read back
 * is in the data's own units — samples around the data's mean, and a log partition function that
 * includes the map's Jacobian ({@code log Z = log Z' + Σ log s}).
 */
class StandardizeTest {

  @TempDir Path dir;

  @Test
  void aStandardisedRunIsUsedInTheDatasOwnUnits() throws Exception {
    Path data = dir.resolve("far.csv");
    StringBuilder csv = new StringBuilder("x,y\n");
    SplittableRandom random = new SplittableRandom(21);
    for (int i = 0; i < 4000; i++) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%.5f,%.5f%n",
              100 + 20 * random.nextGaussian(),
              -50 + 5 * random.nextGaussian()));
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
            "--standardize",
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
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"standardize\": true"));

    TrainedModel model = Trained.model(run);
    assertTrue(model.model() instanceof StandardizedEnergy, model.model().getClass().toString());
    Standardization map = ((StandardizedEnergy) model.model()).standardization();
    double exact =
        GaussianEnergy.logPartition(model.parameters().values().get(GaussianEnergy.LOG_DIAGONAL))
            + map.logScale();

    Cli.Outcome evaluated = Cli.run("eval", "--run", run.toString(), "--mmd-chains", "0");
    assertEquals(0, evaluated.status(), evaluated.err());
    JsonObject eval =
        JsonParser.parseString(Files.readString(run.resolve("eval.json"))).getAsJsonObject();
    assertEquals(exact, eval.get("log_z_grid").getAsDouble(), 5e-3, "log Z in the data's units");

    Cli.Outcome sampled =
        Cli.run("sample", "--run", run.toString(), "--chains", "2000", "--steps", "1500");
    assertEquals(0, sampled.status(), sampled.err());
    List<String> rows = Files.readAllLines(run.resolve("samples/samples.csv"));
    double[] mean = new double[2];
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",");
      mean[0] += Double.parseDouble(f[0]) / (rows.size() - 1);
      mean[1] += Double.parseDouble(f[1]) / (rows.size() - 1);
    }
    // The model's own mean, mapped back: μ = μ'·s + m (its training stopped near the data's).
    double[] learned = model.parameters().values().get(GaussianEnergy.MEAN);
    for (int i = 0; i < 2; i++) {
      double expected = learned[i] * map.scale()[i] + map.mean()[i];
      // Monte Carlo error ≈ 0.45 and 0.11; the slow x chains keep ≈ e^(−4) of their start.
      assertEquals(expected, mean[i], i == 0 ? 1.5 : 0.4, "sample mean " + i);
    }
    assertEquals(100, mean[0], 6.0);
    assertEquals(-50, mean[1], 1.5);
  }

  @Test
  void aNoiseConditionalModelIsRefusedWithTheReason() {
    Cli.Outcome refused =
        Cli.run(
            "train",
            "--data",
            "toy:moons",
            "--model",
            "mlp:noise_conditional=true",
            "--method",
            "ncsn",
            "--standardize",
            "--run",
            dir.resolve("x").toString());
    assertEquals(2, refused.status());
    assertTrue(
        refused.err().contains("--standardize does not take a noise-conditional model"),
        refused.err());
    assertTrue(!Files.exists(dir.resolve("x")));
  }
}
