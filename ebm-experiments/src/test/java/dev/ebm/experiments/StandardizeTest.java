package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.api.TrainedEnergy;
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
 * {@code ebm train --standardize} (the default for vectors far from unit scale): the model trains
 * on standardised data, and everything read back is in the data's own units — samples around the
 * data's mean, a log partition function that includes the map's Jacobian ({@code log Z = log Z' + Σ
 * log s}), an export; a noise-conditional model anneals in the coordinates it trained in; an old
 * run resumes as it was; unstandardised data far from unit scale is warned about.
 */
class StandardizeTest {

  @TempDir Path dir;

  @Test
  void aStandardisedRunIsUsedInTheDatasOwnUnits() throws Exception {
    Path data = farGaussian();
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

  /** A CSV of 4000 points of N((100, −50), diag(20², 5²)). */
  private Path farGaussian() throws Exception {
    Path data = dir.resolve("far.csv");
    if (Files.exists(data)) {
      return data;
    }
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
    return Files.writeString(data, csv);
  }

  private static double[][] columnsOf(Path csv) throws Exception {
    List<String> rows = Files.readAllLines(csv);
    double[][] columns = new double[2][rows.size() - 1];
    for (int r = 1; r < rows.size(); r++) {
      String[] f = rows.get(r).split(",");
      columns[0][r - 1] = Double.parseDouble(f[0]);
      columns[1][r - 1] = Double.parseDouble(f[1]);
    }
    return columns;
  }

  private static double mean(double[] v) {
    return java.util.Arrays.stream(v).average().orElseThrow();
  }

  private static double std(double[] v) {
    double m = mean(v);
    return Math.sqrt(
        java.util.Arrays.stream(v).map(x -> (x - m) * (x - m)).average().orElseThrow());
  }

  @Test
  void aNoiseConditionalModelTrainsStandardisedByDefaultAndAnnealsInItsOwnCoordinates()
      throws Exception {
    Path run = dir.resolve("ncsn");
    Cli.Outcome trained =
        Cli.run(
            "train",
            "--data",
            "csv:" + farGaussian(),
            "--method",
            "ncsn",
            "--steps",
            "1500",
            "--run",
            run.toString(),
            "--log-every",
            "500");
    assertEquals(0, trained.status(), trained.err());
    assertTrue(trained.out().contains("note: the data is far from unit scale"), trained.out());
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"standardize\": true"));

    Cli.Outcome sampled = Cli.run("sample", "--run", run.toString(), "--chains", "2000");
    assertEquals(0, sampled.status(), sampled.err());
    String sampler = Files.readString(run.resolve("samples/sampler.json"));
    assertTrue(sampler.contains("in the standardised coordinates"), sampler);
    assertTrue(sampler.contains("at sigma"), sampler);
    double[][] xy = columnsOf(run.resolve("samples/samples.csv"));
    // The data: means (100, -50), deviations (20, 5). A short training: a loose check that the
    // chains ran where the model trained and came back in the data's units, 4x apart in scale.
    assertEquals(100, mean(xy[0]), 8);
    assertEquals(-50, mean(xy[1]), 2);
    assertEquals(4, std(xy[0]) / std(xy[1]), 1.2);
  }

  @Test
  void dataNearUnitScaleTrainsAsItIsAndAnOldRunResumesAsItWas() throws Exception {
    Path fresh = dir.resolve("fresh");
    Cli.Outcome moons =
        Cli.run(
            "train",
            "--data",
            "toy:moons",
            "--steps",
            "20",
            "--log-every",
            "10",
            "--run",
            fresh.toString());
    assertEquals(0, moons.status(), moons.err());
    assertTrue(!moons.out().contains("standardised"), moons.out());
    assertTrue(Files.readString(fresh.resolve("run.json")).contains("\"standardize\": false"));
    assertTrue(!(Trained.model(fresh).model() instanceof StandardizedEnergy));

    // A run written before standardisation had a default records none: it resumes as it was,
    // though its data is far from unit scale and a new run of it would standardise.
    Path old = dir.resolve("old");
    String far = "csv:" + farGaussian();
    assertEquals(
        0,
        Cli.run(
                "train",
                "--data",
                far,
                "--steps",
                "20",
                "--log-every",
                "10",
                "--no-standardize",
                "--run",
                old.toString())
            .status());
    Path settings = old.resolve("run.json");
    String json = Files.readString(settings);
    assertTrue(json.contains(",\n  \"standardize\": false"), json);
    Files.writeString(settings, json.replace(",\n  \"standardize\": false", ""));
    Cli.Outcome resumed =
        Cli.run(
            "train", "--data", far, "--steps", "40", "--log-every", "10", "--run", old.toString());
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("trained from step 20 to 40"), resumed.out());
    assertTrue(!(Trained.model(old).model() instanceof StandardizedEnergy));
  }

  @Test
  void unstandardisedDataFarFromUnitScaleIsWarnedAbout() throws Exception {
    Cli.Outcome warned =
        Cli.run(
            "train",
            "--data",
            "csv:" + farGaussian(),
            "--no-standardize",
            "--steps",
            "5",
            "--run",
            dir.resolve("warned").toString());
    assertEquals(0, warned.status(), warned.err());
    assertTrue(
        warned.err().contains("warning: the data is far from unit scale (means up to ±100"),
        warned.err());
    Cli.Outcome quiet =
        Cli.run(
            "train",
            "--data",
            "csv:" + farGaussian(),
            "--steps",
            "5",
            "--run",
            dir.resolve("quiet").toString());
    assertEquals(0, quiet.status(), quiet.err());
    assertTrue(!quiet.err().contains("warning:"), quiet.err());
  }

  @Test
  void anExportTakesAndGivesTheDatasOwnUnits() throws Exception {
    Path run = dir.resolve("exported");
    assertEquals(
        0,
        Cli.run(
                "train",
                "--data",
                "csv:" + farGaussian(),
                "--steps",
                "200",
                "--run",
                run.toString())
            .status());
    Path saved = dir.resolve("saved");
    Cli.Outcome exported = Cli.run("export", "--run", run.toString(), "--out", saved.toString());
    assertEquals(0, exported.status(), exported.err());
    double[][] points = {{100, -50}, {130, -45}, {70, -58}, {0, 0}};
    try (TrainedEnergy fromRun = TrainedEnergy.load(run);
        TrainedEnergy fromExport = TrainedEnergy.load(saved)) {
      double[] expected = fromRun.energy(points);
      double[] actual = fromExport.energy(points);
      for (int i = 0; i < points.length; i++) {
        assertEquals(
            expected[i], actual[i], 1e-4 * Math.max(1, Math.abs(expected[i])), "point " + i);
      }
      double[][] scoreRun = fromRun.score(points);
      double[][] scoreExport = fromExport.score(points);
      for (int i = 0; i < points.length; i++) {
        for (int k = 0; k < 2; k++) {
          assertEquals(
              scoreRun[i][k], scoreExport[i][k], 1e-4 * Math.max(1, Math.abs(scoreRun[i][k])));
        }
      }
    }
  }
}
