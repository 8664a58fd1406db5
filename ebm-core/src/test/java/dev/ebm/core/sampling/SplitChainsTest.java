package dev.ebm.core.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.analytic.Matrices;
import dev.ebm.core.graph.Constants;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.family.TFloating;

/** Split chains are the inner sampler's chains, group by group, with each group's own noise. */
class SplitChainsTest {

  private static final GaussianEnergy GAUSSIAN =
      GaussianEnergy.of(
          new double[] {1.0, -2.0}, Matrices.inverseSpd(new double[][] {{1, 0}, {0, 2}}));
  private static final double[] STARTS = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4};

  @Test
  void eachGroupIsTheInnerSamplerOnItsChainsWithItsOwnNoise() {
    LangevinSampler inner = LangevinSampler.of(20, new LangevinStep(0.3, 1.0));
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 5)) {
      Ops tf = g.ops();
      VariableSet<TFloat64> vars = g.createVariables("gaussian", GAUSSIAN.parameterSpecs());
      RandomStream stream = RandomStream.of(tf, g.seed("chains"), tf.constant(0L));
      Operand<TFloat64> split =
          new SplitChains(inner, 2).sample(tf, GAUSSIAN, vars.read(), starts(tf, 0, 5), stream);
      // Five chains: the first group takes three, the second two.
      Operand<TFloat64> first =
          inner.sample(tf, GAUSSIAN, vars.read(), starts(tf, 0, 3), stream.child(tf, "part0"));
      Operand<TFloat64> second =
          inner.sample(tf, GAUSSIAN, vars.read(), starts(tf, 3, 5), stream.child(tf, "part1"));
      g.initialize();
      double[] expected = new double[10];
      System.arraycopy(g.evaluate(first), 0, expected, 0, 6);
      System.arraycopy(g.evaluate(second), 0, expected, 6, 4);
      double[] actual = g.evaluate(split);
      assertArrayEquals(expected, actual, 0.0);
      assertTrue(actual[0] != STARTS[0], "the chains moved");
    }
  }

  @Test
  void diagnosticsAreTheChainWeightedMeanAndTracesJoinAlongTheChainAxis() {
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 5)) {
      Ops tf = g.ops();
      Sampler.Chains<TFloat64> chains =
          new SplitChains(new MeanReporting(), 2)
              .sampleWithDiagnostics(
                  tf, GAUSSIAN, null, starts(tf, 0, 5), RandomStream.of(tf, 1, tf.constant(0L)), 1);
      // Groups {0,0,1,1,2,2} (mean 1) and {3,3,4,4} (mean 3.5), weighted 3/5 and 2/5.
      assertEquals(0.6 * 1 + 0.4 * 3.5, g.evaluate(chains.diagnostics().get("mean"))[0], 1e-12);
      assertArrayEquals(STARTS, g.evaluate(chains.trace().orElseThrow()), 0.0);
      assertArrayEquals(STARTS, g.evaluate(chains.states()), 0.0);
    }
  }

  @Test
  void refusesMoreGroupsThanChainsNamingTheFix() {
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 5)) {
      Ops tf = g.ops();
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  new SplitChains(new MeanReporting(), 6)
                      .sample(
                          tf,
                          GAUSSIAN,
                          null,
                          starts(tf, 0, 5),
                          RandomStream.of(tf, 1, tf.constant(0L))));
      assertTrue(e.getMessage().contains("fewer parts or more chains"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new SplitChains(new MeanReporting(), 0));
  }

  private static Operand<TFloat64> starts(Ops tf, int from, int to) {
    double[] values = java.util.Arrays.copyOfRange(STARTS, 2 * from, 2 * to);
    return Constants.of(tf, Shape.of(to - from, 2), values, TFloat64.class);
  }

  /** Leaves chains where they start; reports their mean and traces the start once. */
  private static final class MeanReporting implements Sampler {
    @Override
    public <T extends TFloating> Operand<T> sample(
        Ops tf, EnergyModel model, Parameters<T> parameters, Operand<T> x0, RandomStream stream) {
      return x0;
    }

    @Override
    public <T extends TFloating> Chains<T> sampleWithDiagnostics(
        Ops tf,
        EnergyModel model,
        Parameters<T> parameters,
        Operand<T> x0,
        RandomStream stream,
        int traceLength) {
      return new Chains<>(
          x0,
          Map.of("mean", tf.math.mean(x0, tf.constant(new int[] {0, 1}))),
          Optional.of(tf.expandDims(x0, tf.constant(0))));
    }

    @Override
    public String describe() {
      return "stays";
    }
  }
}
