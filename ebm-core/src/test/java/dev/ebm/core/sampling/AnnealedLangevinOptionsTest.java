package dev.ebm.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.config.Options;
import org.junit.jupiter.api.Test;

/**
 * The {@code annealed-langevin} sampler's options refuse counts too large to run, by name, instead
 * of failing later (cases the options fuzz test found).
 */
class AnnealedLangevinOptionsTest {

  private static Sampler create(String spec) {
    Options options = Options.parseSpec(spec);
    return SamplerProvider.byName(options.owner()).create(options);
  }

  @Test
  void refusesMoreLevelsThanAScheduleHoldsInsteadOfRunningOutOfMemory() {
    // Found by SamplerOptionsFuzzTest: this allocated 15 GB and threw OutOfMemoryError.
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> create("annealed-langevin:sigma_max=86.1,levels=1867846130"));
    assertTrue(e.getMessage().contains("1867846130 levels"), e.getMessage());
  }

  @Test
  void refusesAChainLongerThanOneCallMayRun() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> create("annealed-langevin:levels=100000,steps_per_level=30000"));
    assertTrue(
        e.getMessage().contains("3000000000 updates in one call is surely a mistake"),
        e.getMessage());
  }

  @Test
  void acceptsTheLargestSchedule() {
    NoiseSchedule schedule = NoiseSchedule.geometric(50, 0.01, NoiseSchedule.MAX_LEVELS);
    assertEquals(NoiseSchedule.MAX_LEVELS, schedule.levels());
  }
}
