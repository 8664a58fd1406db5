package dev.ebm.core.sampling;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.graph.Constants;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * Builds a chain of Langevin steps {@code x ← x − λ_i ∇ₓE(x[, σ_i]) + n_i·z} as one TensorFlow
 * while loop, so that the whole chain runs inside a single {@code Session.run}. The steps are
 * grouped in levels of {@code stepsPerLevel} steps sharing a drift {@code λ}, a noise std {@code n}
 * and, for noise-conditional models, a noise level σ.
 *
 * <p>A while-loop body is built in a graph of its own that cannot see the outer graph, so the
 * model's parameters, the random key and counter enter as loop variables and the energy is rebuilt
 * inside the body from those copies (the parameters pass through unchanged). The loop is preferred
 * to unrolling because its graph stays the size of one step whatever the chain length (NCSN's
 * sampler runs 1 000 steps).
 */
final class LangevinLoop {

  /**
   * The per-level coefficients of a chain.
   *
   * @param drifts λ per level
   * @param noiseStds n per level
   * @param sigmas σ per level for a noise-conditional model, empty otherwise
   * @param stepsPerLevel steps at each level
   */
  record Levels(double[] drifts, double[] noiseStds, Optional<double[]> sigmas, int stepsPerLevel) {
    Levels {
      if (drifts.length == 0 || drifts.length != noiseStds.length) {
        throw new IllegalArgumentException("one drift and one noise std per level are needed");
      }
      if (sigmas.isPresent() && sigmas.get().length != drifts.length) {
        throw new IllegalArgumentException("one noise level per level is needed");
      }
      if (stepsPerLevel < 1) {
        throw new IllegalArgumentException(
            "steps per level must be at least 1, got " + stepsPerLevel);
      }
    }

    int totalSteps() {
      return drifts.length * stepsPerLevel;
    }
  }

  private static final int FIXED_INPUTS = 4;

  private LangevinLoop() {}

  /**
   * The state of the chain after all steps, starting from {@code x0} (whose shape is {@code [B] +
   * sampleShape}).
   */
  static <T extends TFloating> Operand<T> run(
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Operand<T> x0,
      RandomStream stream,
      Levels levels,
      OptionalDouble gradientClip,
      Optional<ClampRange> clamp) {
    if (levels.sigmas().isPresent() && !(model instanceof NoiseConditionalEnergyModel)) {
      throw new IllegalArgumentException(
          "annealed Langevin needs a noise-conditional model; "
              + model.name()
              + " takes no noise level");
    }
    Class<T> type = x0.type();
    Shape xShape = x0.shape();
    List<String> names = parameters.names();
    List<Shape> parameterShapes = parameters.values().stream().map(Operand::shape).toList();
    List<Output<?>> inputs = new ArrayList<>();
    inputs.add(tf.constant(0).asOutput());
    inputs.add(x0.asOutput());
    inputs.add(stream.key().asOutput());
    inputs.add(stream.counter().asOutput());
    for (Operand<T> p : parameters.values()) {
      // A stop-gradient both reads ref-typed variables (which cannot enter a loop) and keeps the
      // loop out of parameter gradients: TensorFlow cannot differentiate into a while loop, and
      // chain samples are constants to every training objective.
      inputs.add(tf.stopGradient(p).asOutput());
    }
    int totalSteps = levels.totalSteps();
    Graph graph = (Graph) tf.scope().env();
    Output<?>[] outputs =
        graph.whileLoop(
            inputs.toArray(new Output<?>[0]),
            (condGraph, in, out) -> {
              Ops c = Ops.create(condGraph);
              out[0] = c.math.less(cast(in[0]), c.constant(totalSteps)).asOutput();
            },
            (bodyGraph, in, out) -> {
              Ops b = Ops.create(bodyGraph);
              Operand<TInt32> i = cast(in[0]);
              Operand<T> x = b.ensureShape(LangevinLoop.<T>cast(in[1]), xShape);
              List<Operand<T>> values = new ArrayList<>();
              for (int k = 0; k < names.size(); k++) {
                values.add(b.ensureShape(cast(in[FIXED_INPUTS + k]), parameterShapes.get(k)));
              }
              Parameters<T> loopParameters = Parameters.of(names, values);
              Operand<TInt32> level = b.math.floorDiv(i, b.constant(levels.stepsPerLevel()));
              Operand<T> drift =
                  b.gather(Constants.vector(b, levels.drifts(), type), level, b.constant(0));
              Operand<T> noiseStd =
                  b.gather(Constants.vector(b, levels.noiseStds(), type), level, b.constant(0));
              Operand<T> energy;
              if (levels.sigmas().isPresent()) {
                Operand<T> sigma =
                    b.gather(
                        Constants.vector(b, levels.sigmas().get(), type), level, b.constant(0));
                Operand<T> perSample =
                    b.fill(
                        b.slice(b.shape(x), b.constant(new int[] {0}), b.constant(new int[] {1})),
                        sigma);
                energy =
                    ((NoiseConditionalEnergyModel) model).energy(b, x, perSample, loopParameters);
              } else {
                energy = model.energy(b, x, loopParameters);
              }
              Operand<T> gradient = Gradients.gradient(energy, x);
              RandomStream loopStream =
                  RandomStream.of(cast(in[2]), LangevinLoop.<TInt64>cast(in[3]));
              Operand<T> z = loopStream.atIteration(b, i).normal(b, b.shape(x, TInt64.class), type);
              Operand<T> next =
                  LangevinUpdate.next(b, x, gradient, drift, noiseStd, z, gradientClip, clamp);
              out[0] = b.math.add(i, b.constant(1)).asOutput();
              out[1] = next.asOutput();
              for (int k = 2; k < in.length; k++) {
                out[k] = in[k];
              }
            },
            tf.scope().makeOpName("langevin"));
    return tf.ensureShape(LangevinLoop.<T>cast(outputs[1]), xShape);
  }

  @SuppressWarnings("unchecked")
  private static <U extends org.tensorflow.types.family.TType> Operand<U> cast(Output<?> output) {
    return (Operand<U>) output;
  }
}
