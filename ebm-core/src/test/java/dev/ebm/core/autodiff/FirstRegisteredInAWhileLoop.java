package dev.ebm.core.autodiff;

import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.testing.TestMlp;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * A JVM whose higher-order gradients are first registered while a Langevin chain's while loop is
 * built, and which then, after a garbage collection, builds a second-order gradient through them.
 */
public final class FirstRegisteredInAWhileLoop {

  private FirstRegisteredInAWhileLoop() {}

  public static void main(String[] args) throws InterruptedException {
    TestMlp model = new TestMlp(2, 4, TestMlp.Activation.SOFTPLUS);
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = g.ops();
      VariableSet<TFloat64> vars = g.createVariables("model", model.parameterSpecs());
      Operand<TFloat64> x0 = tf.zeros(tf.constant(new long[] {4, 2}), TFloat64.class);
      Operand<TFloat64> chain =
          LangevinSampler.of(2, new LangevinStep(0.1, 1))
              .sample(
                  tf, model, vars.detachedRead(tf), x0, RandomStream.of(tf, 1, tf.constant(0L)));
      g.evaluate(chain);
    }
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      Pointer.deallocateReferences();
    }
    try (ModelGraph<TFloat64> g = ModelGraph.create(TFloat64.class, 1)) {
      Ops tf = g.ops();
      VariableSet<TFloat64> vars = g.createVariables("model", model.parameterSpecs());
      Operand<TFloat64> x = tf.constant(new double[][] {{0.5, -1}, {1, 2}});
      Operand<TFloat64> score = Gradients.score(tf, model.energy(tf, x, vars.read()), x);
      Operand<TFloat64> loss = tf.reduceSum(tf.math.square(score), tf.constant(new int[] {0, 1}));
      List<Operand<TFloat64>> gradients =
          Gradients.gradients(loss, List.of(vars.read().get(model.parameterSpecs().get(0).name())));
      g.evaluate(gradients.get(0));
    }
    System.out.println("second-order gradient built");
  }
}
