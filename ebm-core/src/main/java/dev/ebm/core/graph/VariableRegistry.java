package dev.ebm.core.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.types.family.TFloating;

/**
 * The variable sets of one graph by scope, and the rules by which a scope is created once and then
 * refused or shared. Outside {@link ReplicaPlacement#onReplica} and {@link
 * ReplicaPlacement#repeatAfter} a scope is used once. Inside them, what {@link
 * ReplicaPlacement#scope()} says is being built decides:
 *
 * <ul>
 *   <li>sets of trainable parameters (the model, a learned log Z) are shared: created once, on the
 *       parameter task, by the code that asks first; every later replica and copy of a step gets
 *       them back with fresh reads made where it is built;
 *   <li>sets that hold state (a replay buffer, persistent chains) belong to their replica: each
 *       replica creates its own, on its own worker, under {@code scope} for the first replica and
 *       {@code scope_replicaI} for replica I, so that each worker runs its own chains; the later
 *       copies of a step share their replica's set.
 * </ul>
 *
 * A scope used again is shared only with the same parameters (names, shapes and roles).
 *
 * @param <T> the floating-point type of the variables
 */
final class VariableRegistry<T extends TFloating> {

  private final ReplicaPlacement placement;
  private final Class<T> type;
  private final long seed;
  private final Map<String, VariableSet<T>> sets = new HashMap<>();

  /**
   * A registry of variables of {@code type}, initialised from {@code seed}, placed by placement.
   */
  VariableRegistry(ReplicaPlacement placement, Class<T> type, long seed) {
    this.placement = placement;
    this.type = type;
    this.seed = seed;
  }

  /**
   * Creates one variable per spec under the name scope {@code scope}, each initialised from the
   * seed derived from the root seed, the scope and the parameter name; or, where the rules above
   * share the scope, returns the variables created before with fresh reads.
   *
   * @throws IllegalArgumentException if the scope is already used and not shared, or shared with
   *     other specs
   */
  VariableSet<T> create(String scope, List<ParameterSpec> specs) {
    ReplicaPlacement.Scope building = placement.scope();
    boolean replicaState =
        building.replica().isPresent() && specs.stream().anyMatch(s -> !s.isTrainable());
    String name =
        replicaState && building.replica().getAsInt() > 0
            ? scope + "_replica" + building.replica().getAsInt()
            : scope;
    VariableSet<T> existing = sets.get(name);
    if (existing != null) {
      boolean shared = replicaState ? building.repeating() : building.sharing();
      if (!shared || !sameLayout(existing.specs(), specs)) {
        throw alreadyUsed(name);
      }
      return existing.withFreshReads(building.ops());
    }
    VariableSet<T> created =
        new VariableSet<>(
            replicaState ? building.ops() : placement.variableOps(), name, specs, type, seed);
    sets.put(name, created);
    return created;
  }

  /**
   * Creates variables under {@code scope} with the same specs and initial values as {@code source}
   * (an exponential moving average starts where the parameters start), on the parameter task.
   *
   * @throws IllegalArgumentException if the scope is already used
   */
  VariableSet<T> createLike(String scope, VariableSet<T> source) {
    if (sets.containsKey(scope)) {
      throw alreadyUsed(scope);
    }
    VariableSet<T> created =
        new VariableSet<>(placement.variableOps(), scope, source.specs(), source.initialValues());
    sets.put(scope, created);
    return created;
  }

  private static IllegalArgumentException alreadyUsed(String scope) {
    return new IllegalArgumentException(
        "variable scope '" + scope + "' is already used in this graph; choose another name");
  }

  /** Whether two declarations name the same parameters with the same shapes and roles. */
  private static boolean sameLayout(List<ParameterSpec> a, List<ParameterSpec> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      ParameterSpec x = a.get(i);
      ParameterSpec y = b.get(i);
      if (!x.name().equals(y.name()) || !x.shape().equals(y.shape()) || x.role() != y.role()) {
        return false;
      }
    }
    return true;
  }
}
