package dev.ebm.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ebm.core.distributed.ClusterPlacement;
import dev.ebm.core.distributed.ClusterSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat64;

/**
 * The rules by which a variable scope is created once and then refused or shared: once outside
 * repeated and replicated code; trainable parameters shared with every later copy and replica;
 * state owned by its replica and shared only with that replica's later copies; never shared with
 * other parameters.
 */
class VariableRegistryTest {

  private static final List<ParameterSpec> WEIGHTS =
      List.of(ParameterSpec.trainable("w", Shape.of(2), Initializer.values(1, 2)));

  private static final List<ParameterSpec> BUFFER =
      List.of(ParameterSpec.state("contents", Shape.of(3), Initializer.zeros()));

  private static final SessionOptions TWO_WORKERS =
      SessionOptions.defaults()
          .onCluster(
              ClusterPlacement.of(new ClusterSpec(Map.of("worker", List.of("h1:1", "h2:1")))));

  private static VariableRegistry<TFloat64> registry(ReplicaPlacement placement) {
    return new VariableRegistry<>(placement, TFloat64.class, 7);
  }

  @Test
  void aScopeIsUsedOnceOutsideRepeatedAndReplicatedCode() {
    try (Graph graph = new Graph()) {
      VariableRegistry<TFloat64> variables =
          registry(new ReplicaPlacement(graph, SessionOptions.defaults()));
      variables.create("model", WEIGHTS);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> variables.create("model", WEIGHTS));
      assertEquals(
          "variable scope 'model' is already used in this graph; choose another name",
          e.getMessage());
    }
  }

  @Test
  void aRepeatedCopyGetsTheSameVariablesWithFreshReadsButNotOtherParameters() {
    try (Graph graph = new Graph()) {
      ReplicaPlacement placement = new ReplicaPlacement(graph, SessionOptions.defaults());
      VariableRegistry<TFloat64> variables = registry(placement);
      VariableSet<TFloat64> first = variables.create("model", WEIGHTS);
      VariableSet<TFloat64> again =
          placement.repeatAfter(List.of(), () -> variables.create("model", WEIGHTS));
      assertSame(first.variable("w"), again.variable("w"));
      assertNotEquals(first.read().get("w").op().name(), again.read().get("w").op().name());
      List<ParameterSpec> wider =
          List.of(ParameterSpec.trainable("w", Shape.of(3), Initializer.zeros()));
      assertThrows(
          IllegalArgumentException.class,
          () -> placement.repeatAfter(List.of(), () -> variables.create("model", wider)));
    }
  }

  @Test
  void laterReplicasShareTrainableParametersButOwnTheirState() {
    try (Graph graph = new Graph()) {
      ReplicaPlacement placement = new ReplicaPlacement(graph, TWO_WORKERS);
      VariableRegistry<TFloat64> variables = registry(placement);
      VariableSet<TFloat64> model = placement.onReplica(0, () -> variables.create("m", WEIGHTS));
      VariableSet<TFloat64> shared = placement.onReplica(1, () -> variables.create("m", WEIGHTS));
      assertSame(model.variable("w"), shared.variable("w"));
      VariableSet<TFloat64> first = placement.onReplica(0, () -> variables.create("b", BUFFER));
      VariableSet<TFloat64> second = placement.onReplica(1, () -> variables.create("b", BUFFER));
      assertEquals("b", first.scope());
      assertEquals("b_replica1", second.scope());
      assertNotEquals(first.variable("contents"), second.variable("contents"));
      // A replica's state is shared with its own later copies of the step, and only with them.
      VariableSet<TFloat64> secondAgain =
          placement.repeatAfter(
              List.of(), () -> placement.onReplica(1, () -> variables.create("b", BUFFER)));
      assertSame(second.variable("contents"), secondAgain.variable("contents"));
      assertThrows(
          IllegalArgumentException.class,
          () -> placement.onReplica(1, () -> variables.create("b", BUFFER)));
    }
  }

  @Test
  void aCopyStartsFromItsSourcesInitialValuesUnderAScopeOfItsOwn() {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 3)) {
      VariableSet<TFloat64> model = graph.createVariables("model", WEIGHTS);
      VariableSet<TFloat64> average = graph.createVariablesLike("ema", model);
      assertEquals("ema", average.scope());
      assertArrayEquals(new double[] {1, 2}, graph.evaluate(average.read().get("w")), 0.0);
      assertThrows(IllegalArgumentException.class, () -> graph.createVariablesLike("model", model));
    }
  }
}
