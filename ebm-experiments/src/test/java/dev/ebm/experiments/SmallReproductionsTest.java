package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick settings of {@code nce-logz}, {@code composition} and {@code ncsn-fig2}, asserting the
 * direction of their claims: NCE's c within 0.2 nats of the grid's log Z; the composed energy
 * nearer the product of the two densities than either expert alone; a learned score more than 10×
 * worse off the data than on it. Reports and figures are written.
 */
class SmallReproductionsTest {

  @TempDir Path dir;

  private JsonObject results(String name) throws Exception {
    Path out = dir.resolve(name);
    Cli.Outcome run = Cli.run("reproduce", name, "--quick", "--out", "" + out);
    assertEquals(0, run.status(), run.err());
    assertTrue(Files.readString(out.resolve("report.md")).contains("**Claim.**"));
    return JsonParser.parseString(Files.readString(out.resolve("results.json")))
        .getAsJsonObject()
        .getAsJsonObject("results");
  }

  @Test
  void nceLearnsTheLogPartitionFunction() throws Exception {
    double gap = results("nce-logz").getAsJsonObject("moons").get("final_gap").getAsDouble();
    assertTrue(gap < 0.2, "|c - log Z| = " + gap);
    assertTrue(Files.size(dir.resolve("nce-logz/logz.png")) > 0);
  }

  @Test
  void composedEnergiesModelTheProductOfTheDensities() throws Exception {
    JsonObject r = results("composition");
    double composed = r.get("composed_kl").getAsDouble();
    assertTrue(composed < r.get("curved_kl_against_product").getAsDouble(), r.toString());
    assertTrue(composed < r.get("mask_kl_against_product").getAsDouble(), r.toString());
    assertTrue(Files.size(dir.resolve("composition/composed/samples/samples.png")) > 0);
  }

  @Test
  void aLearnedScoreIsFarWorseOffTheData() throws Exception {
    JsonObject r = results("ncsn-fig2");
    assertTrue(
        r.get("fisher_uniform").getAsDouble() > 10 * r.get("fisher_on_data").getAsDouble(),
        r.toString());
    assertTrue(Files.size(dir.resolve("ncsn-fig2/fig2.png")) > 0);
  }
}
