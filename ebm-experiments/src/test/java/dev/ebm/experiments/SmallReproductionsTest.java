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
 * The quick settings of {@code nce-logz}, {@code composition}, {@code ncsn-fig2}, {@code
 * ssm-scaling}, {@code toy-zoo}, {@code anatomy-2d}, {@code icd-stability} and {@code cd-bias},
 * asserting the direction of their claims: NCE's c within 0.2 nats of the grid's log Z; the
 * composed energy nearer the product of the two densities than either expert alone; a learned score
 * more than 10× worse off the data than on it; sliced score matching's test NLL within 0.1 nats of
 * exact score matching's while its time per step grows less with d; improved CD's KL term keeping
 * training from diverging where plain replay ML does; persistent chains learning the correlated
 * Gaussian with a lower grid KL and covariance error than CD-1. Reports and figures are written.
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

  @Test
  void slicedScoreMatchingMatchesExactAndItsCostStaysFlat() throws Exception {
    JsonObject r = results("ssm-scaling");
    var nll = r.getAsJsonObject("test_nll");
    var time = r.getAsJsonObject("seconds_per_step");
    for (int k = 0; k < 2; k++) {
      double gap =
          nll.getAsJsonArray("esm").get(k).getAsDouble()
              - nll.getAsJsonArray("ssm-vr").get(k).getAsDouble();
      assertTrue(Math.abs(gap) < 0.1, nll.toString());
    }
    double esmGrowth =
        time.getAsJsonArray("esm").get(1).getAsDouble()
            / time.getAsJsonArray("esm").get(0).getAsDouble();
    double slicedGrowth =
        time.getAsJsonArray("ssm-vr").get(1).getAsDouble()
            / time.getAsJsonArray("ssm-vr").get(0).getAsDouble();
    assertTrue(esmGrowth > slicedGrowth, time.toString());
  }

  @Test
  void everyMethodInTheZooBeatsTheUniformDensity() throws Exception {
    JsonObject r = results("toy-zoo");
    JsonObject row = r.getAsJsonObject("moons");
    double uniform = row.get("uniform_kl").getAsDouble();
    for (String method : new String[] {"dsm", "nce"}) {
      double kl = row.getAsJsonObject(method).get("kl").getAsDouble();
      assertTrue(kl < uniform, method + ": " + kl + " against " + uniform);
    }
    assertTrue(Files.size(dir.resolve("toy-zoo/samples-moons.png")) > 0);
  }

  @Test
  void theKlTermKeepsImprovedCdFromDiverging() throws Exception {
    JsonObject r = results("icd-stability");
    double with =
        r.getAsJsonObject("alpha-0.0-reinit-0.05-kl-on-entropy-on")
            .get("diverged_share")
            .getAsDouble();
    double without =
        r.getAsJsonObject("alpha-0.0-reinit-0.05-kl-off-entropy-on")
            .get("diverged_share")
            .getAsDouble();
    assertTrue(with < without, r.toString());
    assertTrue(
        r.getAsJsonObject("alpha-0.0-reinit-0.05-kl-on-entropy-on")
                .getAsJsonArray("training_modes_covered")
                .size()
            == 1,
        r.toString());
    assertTrue(Files.size(dir.resolve("icd-stability/samples.png")) > 0);
  }

  @Test
  void persistentChainsLearnTheGaussianBetterThanCdOne() throws Exception {
    JsonObject gaussian = results("cd-bias").getAsJsonObject("gaussian");
    JsonObject cd1 = gaussian.getAsJsonObject("cd1");
    JsonObject persistent = gaussian.getAsJsonObject("persistent");
    assertTrue(
        persistent.get("mean_kl").getAsDouble() < cd1.get("mean_kl").getAsDouble(),
        gaussian.toString());
    assertTrue(
        persistent.get("mean_covariance_error").getAsDouble()
            < cd1.get("mean_covariance_error").getAsDouble(),
        gaussian.toString());
    assertTrue(Files.size(dir.resolve("cd-bias/densities-gaussian.png")) > 0);
  }

  @Test
  void shortRunSamplesAreNearerTheDataThanLongRunChains() throws Exception {
    JsonObject rings = results("anatomy-2d").getAsJsonObject("rings");
    JsonObject shortRun = rings.getAsJsonObject("short_run");
    assertTrue(
        shortRun.get("mmd2_training_sampler").getAsDouble()
            < shortRun.get("mmd2_long_run").getAsDouble(),
        rings.toString());
    assertTrue(Files.size(dir.resolve("anatomy-2d/dst.png")) > 0);
  }
}
