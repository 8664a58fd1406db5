package dev.ebm.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@link VariableSet} names its variables exactly as one {@code Ops.withSubScope} per parameter did
 * (checkpoints of earlier runs hold those names), without calling it.
 */
class VariableNamesTest {

  private static final List<ParameterSpec> SPECS =
      List.of(
          ParameterSpec.trainable("w", Shape.of(2, 3), Initializer.normal(1)),
          ParameterSpec.trainable("layer0/kernel", Shape.of(3), Initializer.zeros()),
          ParameterSpec.trainable("layer0/bias", Shape.of(3), Initializer.constant(0.5)),
          ParameterSpec.state("block1/conv/u", Shape.of(4), Initializer.normal(1)));

  /** The names of the graph's variables, in creation order. */
  private static List<String> variableNames(BiConsumer<Graph, Ops> build) {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      tf.withSubScope("model").constant(1f);
      build.accept(graph, tf);
      List<String> names = new ArrayList<>();
      graph
          .operations()
          .forEachRemaining(
              op -> {
                if (op.type().equals("VariableV2")) {
                  names.add(op.name());
                }
              });
      return names;
    }
  }

  /** How the variables were named before: a sub-scope per parameter, then one per segment. */
  private static void withSubScopes(Ops tf, String scope) {
    Ops init = tf.withInitScope();
    for (ParameterSpec spec : SPECS) {
      Ops named = init.withSubScope(scope);
      String[] segments = spec.name().split("/");
      for (int i = 0; i < segments.length - 1; i++) {
        named = named.withSubScope(segments[i]);
      }
      named
          .withName(segments[segments.length - 1])
          .variable(init.zeros(init.constant(spec.shape()), TFloat32.class));
    }
  }

  @Test
  void namesAreThoseOfOneSubScopePerParameter() {
    List<String> expected =
        variableNames(
            (graph, tf) -> {
              withSubScopes(tf, "model");
              withSubScopes(tf.withSubScope("ema"), "model");
            });
    List<String> actual =
        variableNames(
            (graph, tf) -> {
              new VariableSet<>(tf, "model", SPECS, TFloat32.class, 1);
              new VariableSet<>(tf.withSubScope("ema"), "model", SPECS, TFloat32.class, 1);
            });
    assertEquals(expected, actual);
    assertEquals(
        List.of(
            "model_1/w",
            "model_2/layer0/kernel",
            "model_3/layer0/bias",
            "model_4/block1/conv/u",
            "ema/model/w",
            "ema/model_1/layer0/kernel",
            "ema/model_2/layer0/bias",
            "ema/model_3/block1/conv/u"),
        actual);
  }

  @Test
  void variablesAreInitialisedToTheirInitialValues() {
    try (Graph graph = new Graph();
        Session session = new Session(graph)) {
      VariableSet<TFloat32> set =
          new VariableSet<>(Ops.create(graph), "m", SPECS, TFloat32.class, 1);
      session.initialize();
      try (TFloat32 bias =
          (TFloat32) session.runner().fetch(set.read().get("layer0/bias")).run().get(0)) {
        assertEquals(0.5f, bias.getFloat(2));
      }
      Operation variable = set.variable("block1/conv/u").op();
      assertEquals("m_3/block1/conv/u", variable.name());
    }
  }

  @Test
  void theExactNameScopeBuildsOneOpAndDerivesNoScopes() {
    try (Graph graph = new Graph()) {
      ExactNameScope scope = new ExactNameScope(Ops.create(graph).scope(), "a/b/c");
      assertEquals("a/b/c", scope.makeOpName("Const"));
      assertThrows(UnsupportedOperationException.class, () -> scope.withSubScope("d"));
      assertThrows(UnsupportedOperationException.class, () -> scope.withName("d"));
    }
  }
}
