package dev.ebm.core.train;

import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.VariableSet;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * A gradient-based optimiser, applied to an explicit list of variables. Its state (Adam's moments
 * and iteration count, SGD's momentum) lives in graph variables, so checkpoints save it.
 *
 * <p>These update rules are built directly on TensorFlow's fused training kernels rather than on
 * {@code tensorflow-framework}'s optimisers, whose Adam (1.0.0) updates its β-power accumulators
 * without waiting for the variable updates that read them, a race that makes runs non-reproducible,
 * and whose {@code minimize} trains every variable of the graph.
 */
public sealed interface OptimizerConfig {

  /**
   * Creates the optimiser's state for {@code variables} (once per graph) and returns the rule that
   * builds their updates.
   */
  <T extends TFloating> Updater<T> create(
      ModelGraph<T> graph, Ops tf, List<TrainableVariable<T>> variables);

  /**
   * An optimiser bound to its variables and state. A training program that runs several steps per
   * session call builds one update per step, all on the same state.
   *
   * @param <T> the variables' floating-point type
   */
  @FunctionalInterface
  interface Updater<T extends TFloating> {
    /**
     * Builds one update of the variables by {@code gradients} (in the variables' order) at the
     * scalar {@code learningRate}; every update runs only after all ops in {@code after}.
     */
    Op apply(List<Operand<T>> gradients, Operand<T> learningRate, List<Operation> after);
  }

  /** One line for logs and provenance. */
  String describe();

  /** The learning rate (a schedule's starting rate). */
  double learningRate();

  /** Adam with PyTorch's defaults for β and ε. */
  static Adam adam(double learningRate) {
    return new Adam(learningRate, 0.9, 0.999, 1e-8);
  }

  /** Plain stochastic gradient descent. */
  static Sgd sgd(double learningRate) {
    return new Sgd(learningRate, 0);
  }

  /**
   * Adam (Kingma &amp; Ba 2015): {@code m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; θ ← θ −
   * lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε)}.
   *
   * @param learningRate lr
   * @param beta1 β₁
   * @param beta2 β₂
   * @param epsilon ε
   */
  record Adam(double learningRate, double beta1, double beta2, double epsilon)
      implements OptimizerConfig {
    public Adam {
      requirePositive("learning rate", learningRate);
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException(
            "Adam's betas must lie in [0, 1), got " + beta1 + ", " + beta2);
      }
      requirePositive("epsilon", epsilon);
    }

    @Override
    public <T extends TFloating> Updater<T> create(
        ModelGraph<T> graph, Ops tf, List<TrainableVariable<T>> variables) {
      Ops scope = tf.withSubScope("adam");
      VariableSet<T> moments = graph.createVariables("adam_moments", slots(variables, "m", "v"));
      Variable<TInt64> iterations =
          scope.withInitScope().withName("iterations").variable(scope.withInitScope().constant(0L));
      Class<T> type = graph.type();
      return (gradients, rate, after) -> {
        Ops deps = scope.withControlDependencyOps(after);
        Operand<T> t = deps.dtypes.cast(deps.math.add(iterations, deps.constant(1L)), type);
        Operand<T> beta1Power = deps.math.pow(deps.constant(type, beta1), t);
        Operand<T> beta2Power = deps.math.pow(deps.constant(type, beta2), t);
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
          String name = variables.get(i).name();
          updates.add(
              deps.train.applyAdam(
                  variables.get(i).variable(),
                  moments.variable(name + "/m"),
                  moments.variable(name + "/v"),
                  beta1Power,
                  beta2Power,
                  rate,
                  deps.constant(type, beta1),
                  deps.constant(type, beta2),
                  deps.constant(type, epsilon),
                  gradients.get(i),
                  ApplyAdam.useLocking(false)));
        }
        Op count = scope.withControlDependencies(updates).assignAdd(iterations, scope.constant(1L));
        return scope.withControlDependencies(List.of(count)).withName("update").noOp();
      };
    }

    @Override
    public String describe() {
      return "Adam(lr="
          + learningRate
          + ", betas=("
          + beta1
          + ", "
          + beta2
          + "), eps="
          + epsilon
          + ")";
    }
  }

  /**
   * Stochastic gradient descent, with optional heavy-ball momentum: {@code a ← μa + g; θ ← θ −
   * lr·a}.
   *
   * @param learningRate lr
   * @param momentum μ (0 for plain SGD)
   */
  record Sgd(double learningRate, double momentum) implements OptimizerConfig {
    public Sgd {
      requirePositive("learning rate", learningRate);
      if (!(momentum >= 0 && momentum < 1)) {
        throw new IllegalArgumentException("SGD momentum must lie in [0, 1), got " + momentum);
      }
    }

    @Override
    public <T extends TFloating> Updater<T> create(
        ModelGraph<T> graph, Ops tf, List<TrainableVariable<T>> variables) {
      Ops scope = tf.withSubScope("sgd");
      Class<T> type = graph.type();
      VariableSet<T> accumulators =
          momentum > 0 ? graph.createVariables("sgd_momentum", slots(variables, "a")) : null;
      return (gradients, rate, after) -> {
        Ops deps = scope.withControlDependencyOps(after);
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
          Variable<T> variable = variables.get(i).variable();
          if (accumulators == null) {
            updates.add(deps.train.applyGradientDescent(variable, rate, gradients.get(i)));
          } else {
            updates.add(
                deps.train.applyMomentum(
                    variable,
                    accumulators.variable(variables.get(i).name() + "/a"),
                    rate,
                    gradients.get(i),
                    deps.constant(type, momentum)));
          }
        }
        return scope.withControlDependencies(updates).withName("update").noOp();
      };
    }

    @Override
    public String describe() {
      return "SGD(lr=" + learningRate + (momentum > 0 ? ", momentum=" + momentum : "") + ")";
    }
  }

  private static <T extends TFloating> List<ParameterSpec> slots(
      List<TrainableVariable<T>> variables, String... slotNames) {
    List<ParameterSpec> specs = new ArrayList<>();
    for (TrainableVariable<T> v : variables) {
      Shape shape = v.variable().shape();
      for (String slot : slotNames) {
        specs.add(ParameterSpec.state(v.name() + "/" + slot, shape, Initializer.zeros()));
      }
    }
    return specs;
  }

  private static void requirePositive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
    }
  }
}
