package dev.ebm.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.sampling.MalaKernel;
import dev.ebm.core.sampling.MetropolisSampler;
import dev.ebm.core.sampling.StepSizeAdaptation;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * Building chains leaves no while-loop subgraph in TensorFlow Java's graph registry (a stale entry
 * there lets the collector unregister a later graph, whose gradients then fail with "Graph not
 * found"); closing the graph leaves the registry as it was.
 */
class WhileLoopSubgraphsTest {

  @Test
  void chainsLeaveOnlyTheirOwnGraphRegistered() {
    int before = WhileLoopSubgraphs.registered();
    GaussianEnergy model = GaussianEnergy.standard(2);
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 1)) {
      int withGraph = WhileLoopSubgraphs.registered();
      Ops tf = g.ops();
      VariableSet<TFloat64> vars = g.createVariables("gaussian", model.parameterSpecs());
      RandomStream stream = RandomStream.of(tf, g.seed("chains"), tf.constant(0L));
      Operand<TFloat64> x0 = tf.zeros(tf.constant(new long[] {4, 2}), TFloat64.class);
      Operand<TFloat64> langevin =
          LangevinSampler.of(3, new LangevinStep(0.1, 1))
              .sample(tf, model, vars.read(), x0, stream);
      Operand<TFloat64> mala =
          new MetropolisSampler(new MalaKernel(), 3, 0.1, new StepSizeAdaptation(1, 0.5))
              .sample(tf, model, vars.read(), langevin, stream);
      assertEquals(withGraph, WhileLoopSubgraphs.registered(), "subgraphs left registered");
      g.initialize();
      assertEquals(8, g.evaluate(mala).length);
    }
    assertEquals(before, WhileLoopSubgraphs.registered());
  }
}
