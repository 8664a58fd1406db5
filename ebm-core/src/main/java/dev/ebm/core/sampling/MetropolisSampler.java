package dev.ebm.core.sampling;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * A Metropolis-adjusted chain on a model's energy ({@link MalaKernel} or {@link HmcKernel}): {@code
 * steps} transitions in one while loop, the step size ε adapted during the first {@code
 * adaptation.steps()} of them ({@link StepSizeAdaptation}) and fixed afterwards. Its diagnostics:
 * {@code acceptance_rate}, the mean acceptance probability over the transitions after warm-up, and
 * {@code step_size}, the final ε; its trace records states over the transitions after warm-up.
 *
 * @param kernel the transition
 * @param steps the number of transitions, warm-up included
 * @param epsilon the (initial) step size ε
 * @param adaptation the warm-up adaptation of ε
 */
public record MetropolisSampler(
    MetropolisKernel kernel, int steps, double epsilon, StepSizeAdaptation adaptation)
    implements Sampler {

  public MetropolisSampler {
    ChainLength.requireReasonable("a Metropolis chain", steps);
    if (steps <= adaptation.steps()) {
      throw new IllegalArgumentException(
          "a chain needs transitions after its "
              + adaptation.steps()
              + " warm-up transitions; got "
              + steps
              + " in all");
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("step size must be positive, got " + epsilon);
    }
  }

  @Override
  public <T extends TFloating> Operand<T> sample(
      Ops tf, EnergyModel model, Parameters<T> parameters, Operand<T> x0, RandomStream stream) {
    return sampleWithDiagnostics(tf, model, parameters, x0, stream, 0).states();
  }

  @Override
  public <T extends TFloating> Chains<T> sampleWithDiagnostics(
      Ops tf,
      EnergyModel model,
      Parameters<T> parameters,
      Operand<T> x0,
      RandomStream stream,
      int traceLength) {
    Optional<ChainTrace> trace =
        traceLength > 0
            ? Optional.of(new ChainTrace(traceLength, adaptation.steps(), steps))
            : Optional.empty();
    Ops scope = tf.withSubScope("metropolis_sampler");
    Class<T> type = x0.type();
    MetropolisKernel.State<T> start = modelTarget(model, parameters).at(scope, x0);
    int sampling = steps - adaptation.steps();
    List<Operand<?>> initial = new ArrayList<>();
    initial.addAll(
        List.of(
            start.x(),
            start.energy(),
            start.gradient(),
            scope.constant(type, Math.log(epsilon)),
            scope.constant(type, 0.0)));
    trace.ifPresent(t -> initial.add(t.initial(scope, x0)));
    List<Operand<?>> last =
        ChainLoop.run(
            scope,
            parameters,
            stream,
            steps,
            initial,
            (b, i, state, loopParameters, loopStream) -> {
              MetropolisKernel.State<T> current =
                  new MetropolisKernel.State<>(
                      ChainLoop.cast(state.get(0)),
                      ChainLoop.cast(state.get(1)),
                      ChainLoop.cast(state.get(2)));
              Operand<T> logEpsilon = ChainLoop.cast(state.get(3));
              Operand<T> acceptanceSum = ChainLoop.cast(state.get(4));
              MetropolisKernel.Transition<T> moved =
                  kernel.step(
                      b,
                      current,
                      b.math.exp(logEpsilon),
                      modelTarget(model, loopParameters),
                      loopStream);
              Operand<T> meanAcceptance = b.math.mean(moved.acceptance(), b.constant(0));
              Operand<T> counted =
                  b.select(
                      b.math.less(i, b.constant(adaptation.steps())),
                      b.zerosLike(meanAcceptance),
                      meanAcceptance);
              MetropolisKernel.State<T> next = moved.next();
              List<Operand<?>> after = new ArrayList<>();
              after.addAll(
                  List.of(
                      next.x(),
                      next.energy(),
                      next.gradient(),
                      adaptation.next(b, i, logEpsilon, meanAcceptance),
                      b.math.add(acceptanceSum, counted)));
              trace.ifPresent(
                  t -> after.add(t.update(b, i, ChainLoop.<T>cast(state.get(5)), next.x())));
              return after;
            },
            "metropolis");
    Map<String, Operand<T>> diagnostics = new LinkedHashMap<>();
    diagnostics.put(
        "acceptance_rate",
        scope.math.div(ChainLoop.<T>cast(last.get(4)), scope.constant(type, (double) sampling)));
    diagnostics.put("step_size", scope.math.exp(ChainLoop.<T>cast(last.get(3))));
    return new Chains<>(
        ChainLoop.cast(last.get(0)), diagnostics, trace.map(t -> ChainLoop.<T>cast(last.get(5))));
  }

  /** The model's energy and its gradient with the given parameters. */
  static <T extends TFloating> MetropolisKernel.Target<T> modelTarget(
      EnergyModel model, Parameters<T> parameters) {
    return (tf, x) -> {
      Operand<T> energy = model.energy(tf, x, parameters);
      return new MetropolisKernel.State<>(x, energy, Gradients.gradient(energy, x));
    };
  }

  @Override
  public String describe() {
    return steps
        + " transitions of "
        + kernel.describe()
        + ", initial step "
        + epsilon
        + ", "
        + adaptation.describe();
  }
}
