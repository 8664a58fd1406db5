package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Using trained runs through the command line — {@code score}, {@code compose}, {@code export},
 * {@code eval} — checked against exact answers: the score against finite differences of the energy,
 * the log density against its learned or quadrature normaliser, the composed energy against the
 * weighted sum of its experts', a SavedModel against the run it was exported from, the held-out
 * likelihood against the scored log densities.
 */
class UseCommandsTest {

  @TempDir static Path dir;
  private static Path dsm;
  private static Path nce;

  @BeforeAll
  static void trainTwoRuns() {
    dsm = dir.resolve("dsm");
    nce = dir.resolve("nce");
    for (String[] run :
        List.of(
            new String[] {"toy:8gaussians", "dsm:sigma=0.3", dsm.toString()},
            new String[] {"toy:moons", "nce", nce.toString()})) {
      Cli.Outcome trained =
          Cli.run(
              "train",
              "--data",
              run[0],
              "--model",
              "mlp:hidden=16:16",
              "--method",
              run[1],
              "--steps",
              "60",
              "--batch",
              "64",
              "--run",
              run[2],
              "--log-every",
              "30");
      assertEquals(0, trained.status(), trained.err());
    }
  }

  /** The rows of a score CSV (comment lines dropped), header first. */
  private static List<double[]> rows(Path csv, List<String> header) throws IOException {
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(csv)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (header.isEmpty()) {
        header.addAll(List.of(line.split(",")));
        continue;
      }
      String[] fields = line.split(",");
      double[] row = new double[fields.length];
      for (int i = 0; i < fields.length; i++) {
        row[i] = Double.parseDouble(fields[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  private static Path points(String name, double[][] xy) throws IOException {
    StringBuilder csv = new StringBuilder("x,y\n");
    for (double[] p : xy) {
      csv.append(String.format(Locale.ROOT, "%.9g,%.9g%n", p[0], p[1]));
    }
    Path file = dir.resolve(name + ".csv");
    Files.writeString(file, csv);
    return file;
  }

  private static List<double[]> score(
      String sourceFlag, Path source, Path points, List<String> header) throws IOException {
    Path out = dir.resolve("scores-" + source.getFileName() + "-" + points.getFileName());
    Cli.Outcome scored =
        Cli.run(
            "score",
            sourceFlag,
            source.toString(),
            "--points",
            points.toString(),
            "--out",
            out.toString());
    assertEquals(0, scored.status(), scored.err());
    return rows(out, header);
  }

  @Test
  void theScoreIsMinusTheGradientOfTheEnergy() throws IOException {
    double h = 1e-2;
    double[][] base = {{0.3, -0.7}, {1.1, 0.4}, {-0.8, -0.2}};
    List<double[]> shifted = new ArrayList<>();
    for (double[] p : base) {
      shifted.add(new double[] {p[0] + h, p[1]});
      shifted.add(new double[] {p[0] - h, p[1]});
      shifted.add(new double[] {p[0], p[1] + h});
      shifted.add(new double[] {p[0], p[1] - h});
    }
    List<String> header = new ArrayList<>();
    List<double[]> atBase = score("--run", dsm, points("base", base), header);
    assertEquals(List.of("x1", "x2", "energy", "score1", "score2", "log_density"), header);
    List<double[]> atShifted =
        score("--run", dsm, points("shifted", shifted.toArray(double[][]::new)), new ArrayList<>());
    for (int p = 0; p < base.length; p++) {
      for (int axis = 0; axis < 2; axis++) {
        double plus = atShifted.get(4 * p + 2 * axis)[2];
        double minus = atShifted.get(4 * p + 2 * axis + 1)[2];
        double numeric = -(plus - minus) / (2 * h);
        double analytic = atBase.get(p)[3 + axis];
        assertEquals(
            numeric,
            analytic,
            1e-3 * Math.max(1, Math.abs(numeric)),
            "point " + p + " axis " + axis);
      }
    }
  }

  @Test
  void theGridLogDensityIntegratesToOne() throws IOException {
    // The run's own normaliser is a 301² grid over its data range widened by half of it; here a
    // coarser 120² grid over the same box.
    List<double[]> probe =
        score("--run", dsm, points("probe", new double[][] {{0, 0}}), new ArrayList<>());
    assertEquals(1, probe.size());
    String comment = Files.readAllLines(dir.resolve("scores-dsm-probe.csv")).get(0);
    java.util.regex.Matcher box =
        java.util.regex.Pattern.compile(
                "over \\[([-0-9.E]+), ([-0-9.E]+)\\] x \\[([-0-9.E]+), ([-0-9.E]+)\\]")
            .matcher(comment);
    assertTrue(box.find(), comment);
    int n = 120;
    double[] low = {Double.parseDouble(box.group(1)), Double.parseDouble(box.group(3))};
    double[] high = {Double.parseDouble(box.group(2)), Double.parseDouble(box.group(4))};
    double[] cell = {(high[0] - low[0]) / n, (high[1] - low[1]) / n};
    double[][] grid = new double[n * n][];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        grid[i * n + j] = new double[] {low[0] + (i + 0.5) * cell[0], low[1] + (j + 0.5) * cell[1]};
      }
    }
    List<String> header = new ArrayList<>();
    List<double[]> scored = score("--run", dsm, points("grid", grid), header);
    int logDensity = header.indexOf("log_density");
    double mass = 0;
    for (double[] row : scored) {
      mass += Math.exp(row[logDensity]) * cell[0] * cell[1];
    }
    assertEquals(1.0, mass, 0.02);
  }

  @Test
  void ncesLearnedNormaliserGivesTheLogDensityAndIsExported() throws IOException {
    Path points = points("nce-points", new double[][] {{0, 0}, {1, 0.5}, {-1, 0.3}});
    List<String> header = new ArrayList<>();
    List<double[]> fromRun = score("--run", nce, points, header);
    Path scores = dir.resolve("scores-nce-nce-points.csv");
    String comment = Files.readAllLines(scores).get(0);
    assertTrue(comment.contains("learned in training"), comment);
    double c = -fromRun.get(0)[2] - fromRun.get(0)[5];
    for (double[] row : fromRun) {
      assertEquals(-row[2] - c, row[5], 1e-5);
    }
    Path saved = dir.resolve("nce-saved");
    Cli.Outcome exported = Cli.run("export", "--run", nce.toString(), "--out", saved.toString());
    assertEquals(0, exported.status(), exported.err());
    List<double[]> fromSaved = score("--saved", saved, points, new ArrayList<>());
    for (int p = 0; p < fromRun.size(); p++) {
      for (int k = 0; k < 6; k++) {
        assertEquals(
            fromRun.get(p)[k],
            fromSaved.get(p)[k],
            1e-5 * Math.max(1, Math.abs(fromRun.get(p)[k])));
      }
    }
  }

  @Test
  void aCompositionIsTheWeightedSumOfItsExpertsAndExportsLikeARun() throws IOException {
    Path product = dir.resolve("product");
    Cli.Outcome composed =
        Cli.run(
            "compose",
            "--expert",
            dsm.toString(),
            "--expert",
            nce + ":0.5",
            "--out",
            product.toString());
    assertEquals(0, composed.status(), composed.err());
    Path points = points("poe-points", new double[][] {{0.2, 0.1}, {-1.5, 0.9}, {2, -2}});
    List<double[]> a = score("--run", dsm, points, new ArrayList<>());
    List<double[]> b = score("--run", nce, points, new ArrayList<>());
    List<double[]> ab = score("--run", product, points, new ArrayList<>());
    for (int p = 0; p < ab.size(); p++) {
      assertEquals(
          a.get(p)[2] + 0.5 * b.get(p)[2],
          ab.get(p)[2],
          1e-5 * Math.max(1, Math.abs(ab.get(p)[2])));
      for (int axis = 0; axis < 2; axis++) {
        assertEquals(a.get(p)[3 + axis] + 0.5 * b.get(p)[3 + axis], ab.get(p)[3 + axis], 1e-4);
      }
    }
    Path saved = dir.resolve("product-saved");
    Cli.Outcome exported =
        Cli.run("export", "--run", product.toString(), "--out", saved.toString());
    assertEquals(0, exported.status(), exported.err());
    List<double[]> fromSaved = score("--saved", saved, points, new ArrayList<>());
    for (int p = 0; p < ab.size(); p++) {
      assertEquals(ab.get(p)[2], fromSaved.get(p)[2], 1e-5 * Math.max(1, Math.abs(ab.get(p)[2])));
    }
    Cli.Outcome again = Cli.run("compose", "--expert", dsm.toString(), "--out", product.toString());
    assertEquals(2, again.status());
    assertTrue(again.err().contains("already holds"), again.err());
  }

  @Test
  void evalMeasuresTheRunAndAgreesWithScore() throws IOException {
    Path test = points("held-out", new double[][] {{2, 0}, {0, 2}, {-1.4, -1.4}, {0.1, 0.1}});
    Path samples =
        points("samples", new double[][] {{2, 0.1}, {0, 1.9}, {-1.3, -1.5}, {1.5, 1.3}, {0, -2}});
    Cli.Outcome evaluated =
        Cli.run(
            "eval",
            "--run",
            dsm.toString(),
            "--test",
            test.toString(),
            "--samples",
            samples.toString());
    assertEquals(0, evaluated.status(), evaluated.err());
    com.google.gson.JsonObject json =
        com.google.gson.JsonParser.parseString(Files.readString(dsm.resolve("eval.json")))
            .getAsJsonObject();
    for (String key : List.of("log_z_grid", "kl", "tv", "test_nll", "mmd2")) {
      assertTrue(json.has(key), key + " missing from " + json);
    }
    assertTrue(
        json.get("kl").getAsDouble() >= 0 && json.get("tv").getAsDouble() <= 1, json.toString());
    assertTrue(evaluated.out().contains("kl"), evaluated.out());
    // The held-out NLL is the mean of −log p that ebm score gives for the same points.
    List<String> header = new ArrayList<>();
    List<double[]> scored = score("--run", dsm, test, header);
    int logDensity = header.indexOf("log_density");
    double nll = scored.stream().mapToDouble(r -> -r[logDensity]).average().orElseThrow();
    assertEquals(nll, json.get("test_nll").getAsDouble(), 1e-4 * Math.max(1, Math.abs(nll)));

    Cli.Outcome nceEval =
        Cli.run("eval", "--run", nce.toString(), "--mmd-chains", "200", "--mmd-steps", "100");
    assertEquals(0, nceEval.status(), nceEval.err());
    com.google.gson.JsonObject nceJson =
        com.google.gson.JsonParser.parseString(Files.readString(nce.resolve("eval.json")))
            .getAsJsonObject();
    assertEquals(
        Math.abs(
            nceJson.get("log_z_learned").getAsDouble() - nceJson.get("log_z_grid").getAsDouble()),
        nceJson.get("log_z_error").getAsDouble(),
        1e-12);
  }

  @Test
  void evalRefusesPointsOfTheWrongDimensionAndWritesNothing() throws IOException {
    Path threeD = dir.resolve("three.csv");
    Files.writeString(threeD, "1,2,3\n4,5,6\n");
    Path fresh = dir.resolve("fresh-copy");
    Cli.Outcome composed =
        Cli.run("compose", "--expert", dsm.toString(), "--out", fresh.toString());
    assertEquals(0, composed.status(), composed.err());
    Cli.Outcome refused = Cli.run("eval", "--run", fresh.toString(), "--test", threeD.toString());
    assertEquals(2, refused.status());
    assertTrue(refused.err().contains("has points of 3 values; the run's have 2"), refused.err());
    assertTrue(!Files.exists(fresh.resolve("eval.json")), "nothing written");
  }
}
