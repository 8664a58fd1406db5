package dev.ebm.core.graph;

import dev.ebm.core.random.Seeds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * The TensorFlow variables created for a list of {@link ParameterSpec}s under one name scope, each
 * initialised from its own seed {@code Seeds.derive(rootSeed, scope + "/" + name)}.
 *
 * <p>{@link #read()} gives the current values as {@link Parameters}; graph code builds on those and
 * never on the variables themselves, so the same code can run on other values (an average, a
 * snapshot, loop-carried copies).
 *
 * @param <T> the floating-point type of every variable
 */
public final class VariableSet<T extends TFloating> {

  private final String scope;
  private final List<ParameterSpec> specs;
  private final Map<String, Variable<T>> variables;
  private final Parameters<T> reads;
  private final Parameters<T> initialValues;

  VariableSet(Ops tf, String scope, List<ParameterSpec> specs, Class<T> type, long rootSeed) {
    this(tf, scope, specs, initialValues(tf, scope, specs, type, rootSeed));
  }

  /**
   * Variables under {@code scope} initialised from the given operands (built in the init scope).
   */
  VariableSet(Ops tf, String scope, List<ParameterSpec> specs, Parameters<T> initial) {
    this.scope = scope;
    this.specs = List.copyOf(specs);
    this.variables = new LinkedHashMap<>();
    this.initialValues = initial;
    Scope init = tf.withInitScope().scope();
    for (ParameterSpec spec : specs) {
      // Each parameter in a sub-scope of its own, as one Ops.withSubScope(scope) per parameter
      // named them (model/w0, model_1/layer0/b, ...): checkpoints hold these names. They are
      // made here without withSubScope, which reads every op of the graph (see ExactNameScope).
      String name = init.makeOpName(scope) + "/" + spec.name();
      Operand<T> value = initial.get(spec.name());
      Variable<T> variable =
          Variable.create(new ExactNameScope(init, name), value.shape(), value.type());
      Assign.create(new ExactNameScope(init, name + "_1"), variable, value);
      if (variables.put(spec.name(), variable) != null) {
        throw new IllegalArgumentException("parameter '" + spec.name() + "' declared twice");
      }
    }
    this.reads = freshRead(tf, "_read");
  }

  private VariableSet(VariableSet<T> source, Ops tf) {
    this.scope = source.scope;
    this.specs = source.specs;
    this.variables = source.variables;
    this.initialValues = source.initialValues;
    this.reads = freshRead(tf, "_read");
  }

  /**
   * The same variables, with {@link #read()} made afresh by {@code tf}: its control dependencies
   * order the new reads (e.g. after the previous training step's updates).
   */
  VariableSet<T> withFreshReads(Ops tf) {
    return new VariableSet<>(this, tf);
  }

  /** The name scope the variables live under. */
  public String scope() {
    return scope;
  }

  /** The declarations, in order. */
  public List<ParameterSpec> specs() {
    return specs;
  }

  /** The variable of the named parameter. */
  public Variable<T> variable(String name) {
    Variable<T> variable = variables.get(name);
    if (variable == null) {
      throw new IllegalArgumentException(
          "no variable '"
              + name
              + "' in '"
              + scope
              + "'; available: "
              + String.join(", ", variables.keySet()));
    }
    return variable;
  }

  /** The variables in declaration order. */
  public List<Variable<T>> variables() {
    return List.copyOf(variables.values());
  }

  /** The names of the trainable parameters, in declaration order. */
  public List<String> trainableNames() {
    return specs.stream().filter(ParameterSpec::isTrainable).map(ParameterSpec::name).toList();
  }

  /** The names of the state parameters, in declaration order. */
  public List<String> stateNames() {
    return specs.stream().filter(s -> !s.isTrainable()).map(ParameterSpec::name).toList();
  }

  /** The current values, as one read of each variable. */
  public Parameters<T> read() {
    return reads;
  }

  /**
   * Fresh reads of the current values that are not connected to {@link #read()}: gradients taken
   * with respect to {@code read()} do not flow through anything built on these. Samplers run on
   * them, because their chains are constants to every training objective (and TensorFlow cannot
   * differentiate into the while loop a chain runs in).
   */
  public Parameters<T> detachedRead(Ops tf) {
    return freshRead(tf, "_detached_read");
  }

  private Parameters<T> freshRead(Ops tf, String suffix) {
    Ops readOps = tf.withSubScope(scope + suffix);
    Map<String, Operand<T>> values = new LinkedHashMap<>();
    variables.forEach((name, variable) -> values.put(name, readOps.identity(variable)));
    return Parameters.of(values);
  }

  /** The initial value of each variable, as the operand its initialiser runs. */
  public Parameters<T> initialValues() {
    return initialValues;
  }

  /** The total number of scalar values of the trainable parameters. */
  public long trainableSize() {
    return specs.stream().filter(ParameterSpec::isTrainable).mapToLong(ParameterSpec::size).sum();
  }

  /** Ops that assign the given values to the variables of the same names. */
  public List<Op> assign(Ops tf, Parameters<T> values) {
    List<Op> assigns = new ArrayList<>(values.size());
    for (String name : values.names()) {
      assigns.add(tf.assign(variable(name), values.get(name)));
    }
    return assigns;
  }

  private static <T extends TFloating> Parameters<T> initialValues(
      Ops tf, String scope, List<ParameterSpec> specs, Class<T> type, long rootSeed) {
    Ops init = tf.withInitScope().withSubScope(scope + "_init");
    Map<String, Operand<T>> values = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      long seed = Seeds.derive(rootSeed, scope + "/" + spec.name());
      // In one scope for all (no sub-scope per parameter: see ExactNameScope).
      Operand<T> value = spec.initializer().initialValue(init, spec.shape(), type, seed);
      if (values.put(spec.name(), value) != null) {
        throw new IllegalArgumentException("parameter '" + spec.name() + "' declared twice");
      }
    }
    return Parameters.of(values);
  }
}
