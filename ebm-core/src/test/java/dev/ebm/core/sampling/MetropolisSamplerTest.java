package dev.ebm.core.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.analytic.Matrices;
import dev.ebm.core.config.Options;
import dev.ebm.core.diagnostics.ChainDiagnostics;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.random.RandomStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * MALA and HMC on a correlated Gaussian energy reproduce its mean and covariance within their Monte
 * Carlo error at a step where unadjusted Langevin is visibly biased; the step-size adaptation
 * reaches its target acceptance.
 */
class MetropolisSamplerTest {

  private static final double[] MEAN = {1.0, -2.0};
  private static final double[][] COVARIANCE = {{1.0, 0.6}, {0.6, 2.0}};
  private static final int CHAINS = 2000;

  private record Drawn(double[] samples, Map<String, Double> diagnostics, double[] trace) {}

  private static Drawn draw(Sampler sampler) {
    return draw(sampler, 0);
  }

  private static Drawn draw(Sampler sampler, int traceLength) {
    GaussianEnergy model = GaussianEnergy.of(MEAN, Matrices.inverseSpd(COVARIANCE));
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 23)) {
      Ops tf = g.ops();
      VariableSet<TFloat64> vars = g.createVariables("gaussian", model.parameterSpecs());
      RandomStream stream = RandomStream.of(tf, g.seed("chains"), tf.constant(0L));
      Operand<TFloat64> x0 =
          ChainInit.gaussian(3, 1)
              .sample(
                  tf,
                  stream.child(tf, "init"),
                  tf.constant(new long[] {CHAINS, 2}),
                  TFloat64.class);
      Sampler.Chains<TFloat64> chains =
          sampler.sampleWithDiagnostics(tf, model, vars.read(), x0, stream, traceLength);
      double[] samples = g.evaluate(chains.states());
      double[] trace = chains.trace().isPresent() ? g.evaluate(chains.trace().get()) : null;
      Map<String, Double> diagnostics = new java.util.LinkedHashMap<>();
      chains.diagnostics().forEach((k, v) -> diagnostics.put(k, g.evaluate(v)[0]));
      return new Drawn(samples, diagnostics, trace);
    }
  }

  /** The largest covariance error in units of its standard error. */
  private static double covarianceErrorInStandardErrors(double[] samples) {
    double[][] cov = Matrices.covariance(samples, 2);
    double worst = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double se =
            Math.sqrt(
                (COVARIANCE[i][i] * COVARIANCE[j][j] + COVARIANCE[i][j] * COVARIANCE[i][j])
                    / CHAINS);
        worst = Math.max(worst, Math.abs(cov[i][j] - COVARIANCE[i][j]) / se);
      }
    }
    return worst;
  }

  private static void assertMatchesTheGaussian(double[] samples) {
    double[] mean = Matrices.mean(samples, 2);
    for (int i = 0; i < 2; i++) {
      assertEquals(MEAN[i], mean[i], 4 * Math.sqrt(COVARIANCE[i][i] / CHAINS), "mean " + i);
    }
    double error = covarianceErrorInStandardErrors(samples);
    assertTrue(error < 4, "covariance off by " + error + " standard errors");
  }

  @Test
  void malaSamplesTheGaussianAndAdaptsItsStep() {
    Drawn mala =
        draw(SamplerProvider.byName("mala").create(Options.parse("mala", "steps=400,epsilon=1")));
    assertMatchesTheGaussian(mala.samples());
    assertEquals(MalaKernel.TARGET_ACCEPTANCE, mala.diagnostics().get("acceptance_rate"), 0.05);
    assertTrue(mala.diagnostics().get("step_size") != 1.0, "the step was adapted");
  }

  @Test
  void hmcSamplesTheGaussianAndAdaptsItsStep() {
    Drawn hmc =
        draw(
            SamplerProvider.byName("hmc")
                .create(Options.parse("hmc", "steps=200,epsilon=0.5,leapfrog=5")));
    assertMatchesTheGaussian(hmc.samples());
    assertEquals(HmcKernel.TARGET_ACCEPTANCE, hmc.diagnostics().get("acceptance_rate"), 0.05);
  }

  @Test
  void withoutAdaptationMalaStillSamplesTheGaussianWhereUnadjustedLangevinIsBiased() {
    // ε = 1: unadjusted Langevin's stationary covariance solves Σ = AΣA + ε²I, A = I − (ε²/2)P,
    // whose small eigenvalue is 1.10 against the true 0.72.
    MetropolisSampler mala =
        new MetropolisSampler(new MalaKernel(), 1500, 1.0, new StepSizeAdaptation(0, 0.5));
    Drawn adjusted = draw(mala);
    assertMatchesTheGaussian(adjusted.samples());
    assertTrue(adjusted.diagnostics().get("acceptance_rate") < 0.9);
    Drawn unadjusted = draw(LangevinSampler.of(1500, new LangevinStep(1.0, 1.0)));
    double error = covarianceErrorInStandardErrors(unadjusted.samples());
    assertTrue(error > 10, "unadjusted Langevin's covariance only " + error + " SE off");
    assertTrue(unadjusted.diagnostics().isEmpty());
  }

  @Test
  void tracesRecordMixedChainsOverTime() {
    int length = 20;
    for (Sampler sampler :
        List.of(
            SamplerProvider.byName("mala").create(Options.parse("mala", "steps=400,epsilon=1")),
            LangevinSampler.of(1000, new LangevinStep(0.5, 1.0)))) {
      Drawn drawn = draw(sampler, length);
      assertEquals(length * CHAINS * 2, drawn.trace().length, sampler.describe());
      // The last recorded state is the final one.
      double[] last =
          Arrays.copyOfRange(drawn.trace(), (length - 1) * CHAINS * 2, length * CHAINS * 2);
      assertArrayEquals(drawn.samples(), last, 0.0);
      double[][] chains = new double[CHAINS][length];
      for (int r = 0; r < length; r++) {
        for (int c = 0; c < CHAINS; c++) {
          chains[c][r] = drawn.trace()[(r * CHAINS + c) * 2];
        }
      }
      double rHat = ChainDiagnostics.splitRHat(chains);
      assertTrue(rHat < 1.05, sampler.describe() + ": R-hat " + rHat);
      assertTrue(ChainDiagnostics.effectiveSampleSize(chains) > 0.1 * CHAINS * length);
    }
  }

  @Test
  void badSettingsAreRefusedByName() {
    var refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                SamplerProvider.byName("mala").create(Options.parse("mala", "steps=10,adapt=10")));
    assertTrue(refused.getMessage().contains("warm-up"), refused.getMessage());
    assertTrue(
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> new HmcKernel(0))
            .getMessage()
            .contains("leapfrog"));
  }
}
