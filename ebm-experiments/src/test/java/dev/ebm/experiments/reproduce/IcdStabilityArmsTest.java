package dev.ebm.experiments.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.config.Options;
import dev.ebm.experiments.reproduce.IcdStability.Variant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The variants each arm of {@code icd-stability} trains. */
class IcdStabilityArmsTest {

  private static List<Variant> variants(Map<String, String> given) {
    IcdStability reproduction = new IcdStability();
    return IcdStability.variants(
        reproduction.settings().resolve(Options.of(reproduction.name(), given)));
  }

  @Test
  void theStabilityArmSwitchesTheKlTermAtAlphaWithTheFirstRateAndTheEntropyOn() {
    assertEquals(
        List.of(new Variant(0, 0.05, true, true), new Variant(0, 0.05, false, true)),
        variants(Map.of("arms", "stability")));
  }

  @Test
  void theCoverageArmKeepsTheKlTermOnAndCrossesRatesWithTheEntropySwitch() {
    assertEquals(
        List.of(
            new Variant(0.1, 0.05, true, true),
            new Variant(0.1, 0.05, true, false),
            new Variant(0.1, 0.001, true, true),
            new Variant(0.1, 0.001, true, false)),
        variants(Map.of("arms", "coverage")));
  }

  @Test
  void bothArmsByDefaultWithoutRepeatingAVariantTheyShare() {
    assertEquals(6, variants(Map.of()).size());
    assertEquals(
        List.of(new Variant(0.1, 0.05, true, true), new Variant(0.1, 0.05, false, true)),
        variants(Map.of("alpha", "0.1", "entropy", "on", "reinit", "0.05")));
  }

  @Test
  void anUnknownArmIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> variants(Map.of("arms", "speed")));
    assertTrue(e.getMessage().contains("'speed'"), e.getMessage());
  }
}
