package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.config.Options;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.sampling.ChainInit;
import dev.ebm.core.sampling.LangevinSampler;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/**
 * Chains left to fit the data start over its range and step in proportion to its scale; settings
 * that are given stay as given.
 */
class ChainSettingsTest {

  /** Points spread over a box of about ±8: coordinate-wise standard deviations 4 and 2. */
  private static DataStatistics wideData() {
    double[] points = {-8, 0, 8, 0, 0, -4, 0, 4};
    return DataStatistics.of(Dataset.of(points, Shape.of(2)));
  }

  @Test
  void unsetStartsAndStepsFitTheData() {
    DataStatistics data = wideData();
    ChainSettings settings = ml("");
    LangevinChains fitted = settings.fittedTo(data);
    assertEquals(ChainInit.uniform(-8, 8), fitted.init());
    double rmsStd = Math.sqrt((data.variance()[0] + data.variance()[1]) / 2);
    assertEquals(0.1 * rmsStd, ((LangevinSampler) fitted.sampler()).step().epsilon(), 1e-12);
    assertTrue(
        String.valueOf(settings.describe()).contains("the data's RMS standard deviation"),
        settings.describe().toString());
  }

  @Test
  void givenStartsAndStepsStayAsGiven() {
    ChainSettings settings = ml("epsilon=0.05,init=uniform,init_low=-2,init_high=2");
    LangevinChains fitted = settings.fittedTo(wideData());
    assertEquals(ChainInit.uniform(-2, 2), fitted.init());
    assertEquals(0.05, ((LangevinSampler) fitted.sampler()).step().epsilon());
  }

  @Test
  void aStartOptionThatDoesNotApplyIsAnErrorSayingWhy() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> ml("init_std=2"));
    assertEquals(
        "option init_std of ml applies only when init=gaussian, and init is data; set"
            + " init=gaussian or leave init_std out",
        e.getMessage());
    assertEquals(
        ChainInit.gaussian(0, 2), ml("init=gaussian,init_std=2").fittedTo(wideData()).init());
  }

  private static ChainSettings ml(String options) {
    return ((MaximumLikelihood)
            TrainingMethodProvider.byName("ml").create(Options.parse("ml", options)))
        .chains();
  }
}
