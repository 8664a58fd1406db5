package dev.ebm.core.config;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Finds implementations of a service interface by name through {@link ServiceLoader}: any module on
 * the class path that lists an implementation in {@code META-INF/services/<interface>} is found
 * without the framework knowing it.
 */
public final class NamedServices {

  private NamedServices() {}

  /** All implementations, sorted by name. */
  public static <S> List<S> all(Class<S> service, Function<S, String> nameOf) {
    TreeMap<String, S> byName = new TreeMap<>();
    for (S provider : ServiceLoader.load(service)) {
      S previous = byName.put(nameOf.apply(provider), provider);
      if (previous != null) {
        throw new IllegalStateException(
            "two "
                + service.getSimpleName()
                + "s are named '"
                + nameOf.apply(provider)
                + "': "
                + previous.getClass().getName()
                + " and "
                + provider.getClass().getName());
      }
    }
    return new ArrayList<>(byName.values());
  }

  /**
   * The implementation of that name.
   *
   * @throws IllegalArgumentException listing the available names, for an unknown one
   */
  public static <S> S byName(
      Class<S> service, Function<S, String> nameOf, String name, String kind) {
    List<S> all = all(service, nameOf);
    for (S s : all) {
      if (nameOf.apply(s).equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown "
            + kind
            + " '"
            + name
            + "'; available: "
            + String.join(", ", all.stream().map(nameOf).toList()));
  }
}
