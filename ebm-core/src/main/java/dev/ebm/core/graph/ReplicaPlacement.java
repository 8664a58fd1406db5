package dev.ebm.core.graph;

import dev.ebm.core.distributed.ClusterPlacement;
import dev.ebm.core.distributed.ClusterSpec;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;

/**
 * Where the ops of one graph go while they are built, and what is being built: ops go on the
 * graph's device (on a cluster, the parameter task's CPU, where the variables live); while {@link
 * #onReplica} builds replica i of a training step, on replica i's worker task (off a cluster, on
 * the graph's device); while {@link #repeatAfter} builds another copy of a step, after the ops that
 * copy waits for. {@link #scope()} tells the {@link VariableRegistry} which of these it is, which
 * decides whether a variable scope used before is refused or shared.
 */
final class ReplicaPlacement {

  /**
   * What graph code is being built inside.
   *
   * @param ops the op builder, on the device and after the dependencies of this scope
   * @param replica the replica of a training step being built; empty outside {@link #onReplica}
   * @param repeating whether this is a copy of graph code built before ({@link #repeatAfter})
   * @param sharing whether a variable scope used before gives back its variables instead of being
   *     refused
   */
  record Scope(Ops ops, OptionalInt replica, boolean repeating, boolean sharing) {

    Scope {
      if (ops == null || replica == null) {
        throw new IllegalArgumentException("ops and replica must not be null");
      }
      if (replica.isPresent() && replica.getAsInt() < 0) {
        throw new IllegalArgumentException("replica must be at least 0, got " + replica);
      }
    }
  }

  private final Optional<ClusterPlacement> cluster;
  private final int localReplicas;
  private final Device device;
  private final DeviceSpec stateDevice;
  private final Ops baseOps;
  private Scope scope;

  /** The placement of {@code graph}'s ops with {@code options}' device and cluster. */
  ReplicaPlacement(Graph graph, SessionOptions options) {
    this.cluster = options.cluster();
    this.localReplicas = options.localReplicas();
    this.device = options.device();
    this.stateDevice =
        cluster.map(c -> taskDevice(c.parameterTask(), Device.cpu())).orElse(device.toDeviceSpec());
    this.baseOps = Ops.create(graph).withDevice(stateDevice);
    this.scope = new Scope(baseOps, OptionalInt.empty(), false, false);
  }

  private static DeviceSpec taskDevice(ClusterSpec.Task task, Device device) {
    return DeviceSpec.newBuilder()
        .job(task.job())
        .task(task.index())
        .deviceType(
            device.kind() == Device.Kind.CPU
                ? DeviceSpec.DeviceType.CPU
                : DeviceSpec.DeviceType.GPU)
        .deviceIndex(device.index())
        .build();
  }

  /**
   * The number of replicas a training step is split over: the cluster's workers, else the options'
   * local replicas.
   */
  int replicas() {
    return cluster.map(ClusterPlacement::replicas).orElse(localReplicas);
  }

  /** What is being built now. */
  Scope scope() {
    return scope;
  }

  /** The op builder of the current scope. */
  Ops ops() {
    return scope.ops();
  }

  /** The builder of new shared variables: {@link #ops()}, on the parameter task of a cluster. */
  Ops variableOps() {
    return cluster.isPresent() ? scope.ops().withDevice(stateDevice) : scope.ops();
  }

  /**
   * Builds replica {@code index}'s share of a training step: while {@code body} runs, {@link
   * #ops()} places ops on that replica's worker (on a cluster), and every replica after the first
   * shares the variable scopes used before.
   *
   * @throws IllegalArgumentException unless {@code 0 ≤ index < replicas()}
   * @throws IllegalStateException inside another {@code onReplica}
   */
  <R> R onReplica(int index, Supplier<R> body) {
    if (index < 0 || index >= replicas()) {
      throw new IllegalArgumentException(
          "replica " + index + " of " + replicas() + ": need 0 <= index < replicas()");
    }
    if (scope.replica().isPresent()) {
      throw new IllegalStateException("onReplica does not nest");
    }
    Scope outside = scope;
    Ops ops =
        cluster.isPresent()
            ? outside.ops().withDevice(taskDevice(cluster.get().replicaTasks().get(index), device))
            : outside.ops();
    scope =
        new Scope(ops, OptionalInt.of(index), outside.repeating(), outside.sharing() || index > 0);
    try {
      return body.get();
    } finally {
      scope = outside;
    }
  }

  /**
   * Builds another copy of graph code that was built before, to run after {@code dependencies}:
   * while {@code body} runs, every op made by {@link #ops()} (and by the builders derived from it)
   * waits for {@code dependencies}, and the variable scopes used before are shared.
   *
   * @throws IllegalStateException inside another {@code repeatAfter} or inside {@link #onReplica}
   */
  <R> R repeatAfter(List<Op> dependencies, Supplier<R> body) {
    if (scope.repeating()) {
      throw new IllegalStateException("repeatAfter does not nest");
    }
    if (scope.replica().isPresent()) {
      throw new IllegalStateException("repeatAfter goes outside onReplica, not inside");
    }
    Scope outside = scope;
    scope =
        new Scope(baseOps.withControlDependencies(dependencies), OptionalInt.empty(), true, true);
    try {
      return body.get();
    } finally {
      scope = outside;
    }
  }
}
