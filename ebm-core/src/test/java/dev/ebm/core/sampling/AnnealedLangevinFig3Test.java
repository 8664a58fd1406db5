package dev.ebm.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.core.analytic.GaussianMixture;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.random.RandomStream;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * Song &amp; Ermon (2019), Fig. 3, with exact scores of {@code 0.8·N((5,5), I) + 0.2·N((−5,−5),
 * I)}: annealed Langevin recovers the mixture weights, plain Langevin keeps the initial split.
 */
class AnnealedLangevinFig3Test {

  private static final GaussianMixture MIXTURE =
      GaussianMixture.isotropic(new double[] {0.8, 0.2}, new double[][] {{5, 5}, {-5, -5}}, 1.0);
  private static final int CHAINS = 1280;

  private static double heavyModeFraction(boolean annealed) {
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 2019)) {
      Ops tf = g.ops();
      RandomStream stream = RandomStream.of(tf, g.seed("fig3"), tf.constant(0L));
      Operand<TFloat64> x0 =
          ChainInit.uniform(-8, 8)
              .sample(
                  tf,
                  stream.child(tf, "init"),
                  tf.constant(new long[] {CHAINS, 2}),
                  TFloat64.class);
      Parameters<TFloat64> none = Parameters.of(Map.of());
      Operand<TFloat64> x;
      if (annealed) {
        // σ geometric 20 → 1 over 10 levels, 100 steps each, α = 0.1·σ² (ε = 0.1 at σ_L = 1).
        AnnealedLangevinSampler sampler =
            new AnnealedLangevinSampler(
                NoiseSchedule.geometric(20, 1, 10),
                100,
                0.1,
                AnnealedLangevinSampler.Convention.NCSN_TOY,
                false,
                Optional.empty());
        x = sampler.sample(tf, MIXTURE, none, x0, stream);
      } else {
        x =
            LangevinSampler.of(1000, LangevinStep.fromNcsnToy(0.1))
                .sample(tf, MIXTURE, none, x0, stream);
      }
      double[] samples = g.evaluate(x);
      int heavy = 0;
      for (int i = 0; i < CHAINS; i++) {
        if (samples[2 * i] + samples[2 * i + 1] > 0) {
          heavy++;
        }
      }
      return heavy / (double) CHAINS;
    }
  }

  @Test
  void annealedLangevinRecoversTheMixtureWeights() {
    assertEquals(0.80, heavyModeFraction(true), 0.03);
  }

  @Test
  void plainLangevinKeepsTheInitialSplit() {
    assertEquals(0.5, heavyModeFraction(false), 0.05);
  }
}
