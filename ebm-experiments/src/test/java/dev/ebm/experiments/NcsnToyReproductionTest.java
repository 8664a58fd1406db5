package dev.ebm.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.experiments.reproduce.NcsnToyReproduction;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job at its (small) defaults: with exact scores annealed Langevin recovers the 0.8 weight
 * and plain Langevin keeps the uniform start's split; the NCSN-trained model's annealed samples are
 * clearly nearer the true weight than its plain Langevin samples. Files are written.
 */
class NcsnToyReproductionTest {

  @Test
  void annealedLangevinRecoversTheWeightsPlainLangevinDoesNot(@TempDir Path dir) throws Exception {
    NcsnToyReproduction.Result result =
        NcsnToyReproduction.run(
            NcsnToyReproduction.Settings.defaults(),
            dir,
            new PrintStream(new ByteArrayOutputStream(), true, "UTF-8"));
    Map<String, Double> f = result.heavyModeFraction();
    assertEquals(0.80, f.get("exact_annealed"), 0.04);
    assertEquals(0.50, f.get("exact_langevin"), 0.05);
    assertEquals(0.80, f.get("learned_annealed"), 0.06);
    assertTrue(f.get("learned_langevin") < f.get("learned_annealed") - 0.1, f.toString());
    for (String file :
        new String[] {
          "fig3.png", "results.json", "samples_learned_annealed.csv", "train/metrics.jsonl"
        }) {
      assertTrue(Files.size(dir.resolve(file)) > 0, file);
    }
  }
}
