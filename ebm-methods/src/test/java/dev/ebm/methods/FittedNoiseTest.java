package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.config.Options;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.toy.Normal;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.NoiseSchedule;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/**
 * Noise levels left to fit the data follow their rules (DSM's σ, NCSN's schedule ends, number of
 * levels and step); given ones stay as given; the normal distribution function the level rule uses
 * matches tabulated values.
 */
class FittedNoiseTest {

  /** Points of coordinate-wise variances 32 and 8: RMS std √20. */
  private static DataStatistics wideData() {
    double[] points = {-8, 0, 8, 0, 0, -4, 0, 4};
    return DataStatistics.of(Dataset.of(points, Shape.of(2)));
  }

  private static Object method(String spec) {
    int colon = spec.indexOf(':');
    String name = colon < 0 ? spec : spec.substring(0, colon);
    return TrainingMethodProvider.byName(name)
        .create(Options.parse(name, colon < 0 ? "" : spec.substring(colon + 1)));
  }

  @Test
  void dsmNoiseIsAFixedShareOfTheDataScaleUnlessGiven() {
    DataStatistics data = wideData();
    double s = Math.sqrt(20);
    assertEquals(s, data.rmsStandardDeviation(), 1e-12);
    assertEquals(0.05 * s, ((DenoisingScoreMatching) method("dsm")).sigma(data), 1e-12);
    assertEquals(0.3, ((DenoisingScoreMatching) method("dsm:sigma=0.3")).sigma(data));
  }

  @Test
  void ncsnScheduleAndStepFitTheDataUnlessGiven() {
    DataStatistics data = wideData();
    double s = Math.sqrt(20);
    AnnealedLangevinSampler fitted = ((NoiseConditionalScoreMatching) method("ncsn")).sampler(data);
    NoiseSchedule schedule = fitted.schedule();
    assertEquals(2 * Math.sqrt(2 * 2) * s, schedule.largest(), 1e-9);
    assertEquals(0.07 * s, schedule.smallest(), 1e-12);
    assertEquals(2, schedule.levels());
    assertEquals(0.2 * 0.07 * s * 0.07 * s, fitted.epsilon(), 1e-12);

    AnnealedLangevinSampler given =
        ((NoiseConditionalScoreMatching)
                method("ncsn:sigma_max=1,sigma_min=0.01,levels=10,epsilon=2e-5"))
            .sampler(data);
    assertEquals(NoiseSchedule.ncsnDefault().toString(), given.schedule().toString());
    assertEquals(2e-5, given.epsilon());
  }

  @Test
  void theLevelRuleNeedsManyCloseLevelsForImagesAndTwoIn2d() {
    assertEquals(2, AnnealingSettings.fittedLevels(40, 2));
    int images = AnnealingSettings.fittedLevels(790, 784);
    assertTrue(images > 50 && images < 150, "levels for 28x28 images: " + images);
    assertTrue(AnnealingSettings.fittedLevels(790, 3072) > images);
  }

  @Test
  void theNormalDistributionFunctionMatchesTables() {
    assertEquals(0.5, Normal.cdf(0), 1e-7);
    assertEquals(0.9750021048517795, Normal.cdf(1.96), 1e-7);
    assertEquals(0.0013498980316301, Normal.cdf(-3), 1e-7);
    assertEquals(1.0, Normal.cdf(40), 1e-12);
  }
}
