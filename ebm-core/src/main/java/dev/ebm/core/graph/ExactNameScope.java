package dev.ebm.core.graph;

import org.tensorflow.DeviceSpec;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Scope;

/**
 * A {@link Scope} that gives the one op built with it a name fixed in advance, and otherwise acts
 * as the scope it wraps (device, control dependencies, init registration).
 *
 * <p>It exists because TensorFlow Java's {@code Scope.withSubScope} reads the name of every op in
 * the graph on each call (to learn the names already used under the new prefix), so creating one
 * variable per sub-scope costs time proportional to the graph: on a 20 000-op graph, 90 ms per
 * call, minutes for a multi-scale model's parameters, Adam slots and averages. {@link VariableSet}
 * computes the names that those sub-scopes would give and builds each variable with this scope
 * instead. Only op construction goes through it: deriving scopes from it is refused.
 */
final class ExactNameScope implements Scope {

  private final Scope scope;
  private final String name;

  /**
   * Builds ops named {@code name} (a full name, {@code /}-separated, that no op of the graph has)
   * under {@code scope}'s device, control dependencies and init status.
   */
  ExactNameScope(Scope scope, String name) {
    this.scope = scope;
    this.name = name;
  }

  @Override
  public ExecutionEnvironment env() {
    return scope.env();
  }

  @Override
  public String makeOpName(String defaultName) {
    return name;
  }

  @Override
  public OperationBuilder apply(OperationBuilder builder) {
    return scope.apply(builder);
  }

  @Override
  public String getDeviceString() {
    return scope.getDeviceString();
  }

  @Override
  public boolean isInit() {
    return scope.isInit();
  }

  @Override
  public Scope withInitScope() {
    return new ExactNameScope(scope.withInitScope(), name);
  }

  @Override
  public Scope withSubScope(String childScopeName) {
    throw derivation();
  }

  @Override
  public Scope withName(String opName) {
    throw derivation();
  }

  @Override
  public Scope withNameAsSubScope(String defaultName) {
    throw derivation();
  }

  @Override
  public Scope withDevice(DeviceSpec newDevice) {
    throw derivation();
  }

  @Override
  public Scope withControlDependencyOps(Iterable<Operation> controls) {
    throw derivation();
  }

  @Override
  public String makeUnique(String id) {
    throw derivation();
  }

  @Override
  public void refreshNames() {
    throw derivation();
  }

  private UnsupportedOperationException derivation() {
    return new UnsupportedOperationException(
        "the scope naming '" + name + "' builds one op; derive scopes from the scope it wraps");
  }
}
