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
import org.tensorflow.Operand;
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
 * <p>The loop is a {@link ChainLoop}: its graph stays the size of one step whatever the chain
 * length (NCSN's sampler runs 1 000 steps).
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
    return traced(tf, model, parameters, x0, stream, levels, gradientClip, clamp, Optional.empty())
        .get(0);
  }

  /**
   * The state after all steps, followed, when {@code trace} is given, by the states it recorded.
   */
  static <T extends TFloating> List<Operand<T>> traced(
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Operand<T> x0,
      RandomStream stream,
      Levels levels,
      OptionalDouble gradientClip,
      Optional<ClampRange> clamp,
      Optional<ChainTrace> trace) {
    if (levels.sigmas().isPresent() && !(model instanceof NoiseConditionalEnergyModel)) {
      throw new IllegalArgumentException(
          "annealed Langevin needs a noise-conditional model; "
              + model.name()
              + " takes no noise level");
    }
    Class<T> type = x0.type();
    List<Operand<?>> initial = new ArrayList<>(List.of(x0));
    trace.ifPresent(t -> initial.add(t.initial(tf, x0)));
    List<Operand<?>> last =
        ChainLoop.run(
            tf,
            parameters,
            stream,
            levels.totalSteps(),
            initial,
            (b, i, state, loopParameters, loopStream) -> {
              Operand<T> x = ChainLoop.cast(state.get(0));
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
              Operand<T> z = loopStream.normal(b, b.shape(x, TInt64.class), type);
              Operand<T> next =
                  LangevinUpdate.next(b, x, gradient, drift, noiseStd, z, gradientClip, clamp);
              List<Operand<?>> after = new ArrayList<>(List.of(next));
              trace.ifPresent(
                  t -> after.add(t.update(b, i, ChainLoop.<T>cast(state.get(1)), next)));
              return after;
            },
            "langevin");
    return last.stream().map(ChainLoop::<T>cast).toList();
  }
}
