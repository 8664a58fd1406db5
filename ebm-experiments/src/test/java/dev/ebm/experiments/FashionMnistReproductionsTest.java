package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.experiments.quality.FashionMnist;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick settings of the Fashion-MNIST reproductions, asserting the direction of their claims.
 * Needs Fashion-MNIST ({@code apt-get install -y dataset-fashion-mnist}, as {@code .ci/run} does).
 */
class FashionMnistReproductionsTest {

  @TempDir Path dir;

  @Test
  void ncsnSamplesLieBelowNoiseInClassifierFeatures() throws Exception {
    assumeTrue(
        Files.isDirectory(FashionMnist.INSTALLED),
        "install the Debian package dataset-fashion-mnist");
    Path out = dir.resolve("ncsn-fmnist");
    Cli.Outcome run =
        Cli.run(
            "reproduce",
            "ncsn-fmnist",
            "--quick",
            "--set",
            "quality_cache=" + dir.resolve("cache"),
            "--out",
            "" + out);
    assertEquals(0, run.status(), run.err());
    JsonObject r =
        JsonParser.parseString(Files.readString(out.resolve("results.json")))
            .getAsJsonObject()
            .getAsJsonObject("results");
    JsonArray distance = r.getAsJsonArray("frechet_distance");
    JsonArray noise = r.getAsJsonArray("frechet_distance_noise");
    int last = distance.size() - 1;
    // Measured: 170.8 after 1 000 steps against 437.0 for noise and 36.7 for held-out real images
    // (100 images each).
    assertTrue(
        distance.get(last).getAsDouble() < 0.6 * noise.get(last).getAsDouble(), r.toString());
    assertTrue(distance.get(last).getAsDouble() < distance.get(0).getAsDouble(), r.toString());
    assertTrue(Files.size(out.resolve("quality.png")) > 0);
    assertTrue(Files.size(out.resolve("samples-1000/samples.png")) > 0);
    assertTrue(Files.readString(out.resolve("report.md")).contains("**Claim.**"));
  }

  @Test
  void theEnergyScoresNoiseAsOutOfDistribution() throws Exception {
    assumeTrue(
        Files.isDirectory(FashionMnist.INSTALLED),
        "install the Debian package dataset-fashion-mnist");
    Path out = dir.resolve("ood-fmnist");
    Cli.Outcome run = Cli.run("reproduce", "ood-fmnist", "--quick", "--out", "" + out);
    assertEquals(0, run.status(), run.err());
    JsonObject r =
        JsonParser.parseString(Files.readString(out.resolve("results.json")))
            .getAsJsonObject()
            .getAsJsonObject("results");
    // Measured: 1.0000 against both noises, 0.88 against the held-out classes, 0.99 against
    // constant images, 0.57 against flipped ones.
    for (String noise :
        new String[] {"uniform noise", "Gaussian noise N(0.5, 0.5²) clipped to [0, 1]"}) {
      double auroc = r.getAsJsonObject(noise).get("auroc").getAsDouble();
      assertTrue(auroc > 0.9, noise + ": " + auroc);
    }
    assertTrue(
        r.getAsJsonObject("held-out classes").get("auroc").getAsDouble() > 0.5, r.toString());
  }
}
