package dev.ebm.core.data.toy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The toy densities by name, with their default parameters. */
public final class ToyDensities {

  private static final Map<String, Supplier<ToyDensity>> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("8gaussians", EightGaussians::new);
    BY_NAME.put("rings", Rings::new);
    BY_NAME.put("checkerboard", Checkerboard::new);
    BY_NAME.put("moons", TwoMoons::new);
    BY_NAME.put("swissroll", SwissRoll::new);
    BY_NAME.put("pinwheel", Pinwheel::new);
    BY_NAME.put("2spirals", TwoSpirals::new);
  }

  private ToyDensities() {}

  /** The names, in a fixed order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * The density of that name with default parameters.
   *
   * @throws IllegalArgumentException listing the names, for an unknown one
   */
  public static ToyDensity byName(String name) {
    Supplier<ToyDensity> supplier = BY_NAME.get(name);
    if (supplier == null) {
      throw new IllegalArgumentException(
          "unknown toy density '" + name + "'; available: " + String.join(", ", names()));
    }
    return supplier.get();
  }
}
