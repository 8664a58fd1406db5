package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;

/** The ebm command line end to end: list, train, resume, export, bench, and its errors. */
class CommandLineTest {

  @Test
  void listShowsEveryModelMethodAndToyDataset() {
    Cli.Outcome o = Cli.run("list");
    assertEquals(0, o.status());
    for (String name :
        new String[] {
          "mlp",
          "convnet",
          "resnet",
          "multiscale",
          "esm",
          "ssm-vr",
          "ncsn",
          "nce",
          "improved-cd",
          "8gaussians",
          "2spirals"
        }) {
      assertTrue(o.out().contains(name), name + " missing from:\n" + o.out());
    }
    assertTrue(
        o.out().contains("radius (number, default 2.0): radius of the circle the means lie on"),
        o.out());
  }

  @Test
  void aToysGeometryIsGivenInItsSpec(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("nijkamp");
    Cli.Outcome trained =
        Cli.run(
            "train",
            "--data",
            "toy:8gaussians:radius=1,std=0.15",
            "--steps",
            "5",
            "--run",
            run.toString());
    assertEquals(0, trained.status(), trained.err());
    assertTrue(
        java.nio.file.Files.readString(run.resolve("run.json"))
            .contains("toy:8gaussians:radius=1,std=0.15"));
    Cli.Outcome bad =
        Cli.run("train", "--data", "toy:8gaussians:radiu=1", "--run", dir.resolve("x").toString());
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("radiu"), bad.err());
  }

  @Test
  void optionsAreListedAndShownInHelpFromTheirDeclarations() {
    Cli.Outcome list = Cli.run("list");
    assertTrue(
        list.out()
            .contains("hidden (integers a:b:…, default 128:128): widths of the hidden layers"),
        list.out());
    assertTrue(
        list.out()
            .contains(
                "init_std (number, default 1.0): std of Gaussian starts [when init=gaussian]"),
        list.out());
    Cli.Outcome help = Cli.run("train", "--help");
    assertTrue(help.out().contains("ssm-vr: probes=1 distribution=rademacher"), help.out());
  }

  @Test
  void trainResumeAndExportARun(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    String[] common = {
      "train",
      "--data",
      "toy:8gaussians",
      "--model",
      "mlp:hidden=16:16",
      "--method",
      "dsm:sigma=0.2",
      "--batch",
      "64",
      "--run",
      run.toString(),
      "--checkpoint-every",
      "20",
      "--log-every",
      "10"
    };
    Cli.Outcome first = Cli.run(Cli.concat(common, "--steps", "20"));
    assertEquals(0, first.status(), first.err());
    String provenance = Files.readString(run.resolve("provenance.json"));
    assertTrue(
        provenance.contains(
                "\"model_options\": \"hidden=16:16,activation=softplus,spectral_norm=false,"
                    + "energy_scale=1.0,noise_conditional=false\"")
            && provenance.contains("\"method_options\": \"sigma=0.2\""),
        provenance);
    Cli.Outcome second =
        Cli.run(Cli.concat(common, "--steps", "40", "--export", dir.resolve("saved").toString()));
    assertEquals(0, second.status(), second.err());
    assertTrue(second.out().contains("trained from step 20 to 40"), second.out());
    assertEquals(
        java.util.List.of(10L, 20L, 30L, 40L),
        Files.readAllLines(run.resolve("metrics.jsonl")).stream()
            .map(l -> JsonParser.parseString(l).getAsJsonObject().get("step").getAsLong())
            .toList());
    try (SavedModelBundle bundle =
        SavedModelBundle.load(dir.resolve("saved").toString(), "serve")) {
      assertTrue(bundle.signatures().stream().anyMatch(s -> s.key().equals("score")));
    }
    Cli.Outcome exported =
        Cli.run("export", "--run", run.toString(), "--out", dir.resolve("again").toString());
    assertEquals(0, exported.status(), exported.err());
    assertTrue(exported.out().contains("exported step 40"), exported.out());
  }

  @Test
  void badInputIsOneLineNamingTheProblem(@TempDir Path dir) {
    Cli.Outcome unknownMethod =
        Cli.run(
            "train",
            "--data",
            "toy:8gaussians",
            "--method",
            "cd",
            "--run",
            dir.resolve("r").toString());
    assertEquals(2, unknownMethod.status());
    assertTrue(
        unknownMethod.err().contains("cd") && unknownMethod.err().contains("dsm"),
        unknownMethod.err());
    Cli.Outcome relu =
        Cli.run(
            "train",
            "--data",
            "toy:moons",
            "--model",
            "mlp:activation=relu",
            "--method",
            "esm",
            "--run",
            dir.resolve("s").toString());
    assertEquals(2, relu.status());
    assertTrue(relu.err().contains("piecewise linear"), relu.err());
    Cli.Outcome notARun =
        Cli.run("export", "--run", dir.toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, notARun.status());
    assertTrue(notARun.err().contains("run.json"), notARun.err());
  }

  @Test
  void benchPrintsOneJsonLinePerWorkloadAndATable() {
    Cli.Outcome o =
        Cli.run("bench", "--only", "langevin_mlp2d", "--repetitions", "1", "--seconds", "0.2");
    assertEquals(0, o.status(), o.err());
    assertTrue(o.out().startsWith("{\"matmul_peak_gflops\""), o.out());
    String line =
        o.out().lines().filter(l -> l.startsWith("{\"workload\"")).findFirst().orElseThrow();
    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
    assertEquals("langevin_mlp2d", json.get("workload").getAsString());
    assertTrue(json.get("steps_per_s").getAsDouble() > 0);
    assertTrue(o.out().contains("workload") && o.out().contains("target"), o.out());
    Cli.Outcome unknown = Cli.run("bench", "--only", "dsm_mlp3d");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("dsm_mlp2d"), unknown.err());
  }

  @Test
  void benchSweepTimesEveryBatchAndWidthAndPlotsThem(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("sweep.png");
    Cli.Outcome o =
        Cli.run(
            "bench",
            "--sweep",
            png.toString(),
            "--sweep-batches",
            "32,64",
            "--sweep-widths",
            "16",
            "--repetitions",
            "1",
            "--seconds",
            "0.05");
    assertEquals(0, o.status(), o.err());
    List<JsonObject> points =
        o.out()
            .lines()
            .filter(l -> l.startsWith("{\"workload\""))
            .map(l -> JsonParser.parseString(l).getAsJsonObject())
            .toList();
    assertEquals(2, points.size(), o.out());
    for (JsonObject point : points) {
      double steps = point.get("steps_per_second").getAsDouble();
      assertTrue(steps > 0, point.toString());
      int batch = point.get("batch").getAsInt();
      // Steps/s is printed to 0.01, samples/s to 1: their product agrees within the rounding.
      assertEquals(
          steps * batch,
          point.get("samples_per_second").getAsDouble(),
          0.005 * batch + 0.5,
          point.toString());
    }
    assertEquals("dsm_mlp2d_b64_w16", points.get(1).get("workload").getAsString());
    assertTrue(o.out().contains("by batch (rows) and hidden width (columns)"), o.out());
    assertTrue(Files.size(png) > 0);
    Cli.Outcome empty = Cli.run("bench", "--sweep", png.toString(), "--sweep-widths", "0");
    assertEquals(2, empty.status(), empty.err());
    assertTrue(empty.err().contains("at least 1"), empty.err());
  }
}
