package dev.ebm.core.data.toy;

import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.OptionSpec;
import dev.ebm.core.config.Options;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The toy densities by name, each with its geometry as options: {@code
 * 8gaussians:radius=1,std=0.15} (Nijkamp et al.'s geometry), {@code rings:radii=1:2:3,std=0.15},
 * {@code gaussian:std=1,correlation=0.8}; a name alone gives the defaults.
 */
public final class ToyDensities {

  /** How a density's options are declared and what they make. */
  private record Entry(OptionSchema options, Function<Options, ToyDensity> create) {}

  private static final Map<String, Entry> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put(
        "8gaussians",
        new Entry(
            OptionSchema.of(
                "8gaussians",
                OptionSpec.number("radius", 2.0, "radius of the circle the means lie on"),
                OptionSpec.number("std", 0.1, "each Gaussian's standard deviation")),
            o -> new EightGaussians(o.number("radius"), o.number("std"))));
    BY_NAME.put(
        "rings",
        new Entry(
            OptionSchema.of(
                "rings",
                OptionSpec.text("radii", "1:2:3", "the rings' radii, separated by ':'"),
                OptionSpec.number("std", 0.15, "the noise's standard deviation")),
            o -> new Rings(radii(o.string("radii")), o.number("std"))));
    BY_NAME.put(
        "gaussian",
        new Entry(
            OptionSchema.of(
                "gaussian",
                OptionSpec.number("std", 1.0, "standard deviation of each coordinate"),
                OptionSpec.number("correlation", 0.8, "correlation of the two coordinates")),
            o -> new CorrelatedGaussian(o.number("std"), o.number("correlation"))));
    plain("checkerboard", Checkerboard::new);
    plain("moons", TwoMoons::new);
    plain("swissroll", SwissRoll::new);
    plain("pinwheel", Pinwheel::new);
    plain("2spirals", TwoSpirals::new);
  }

  private ToyDensities() {}

  private static void plain(String name, Supplier<ToyDensity> create) {
    BY_NAME.put(name, new Entry(OptionSchema.none(name), o -> create.get()));
  }

  private static double[] radii(String text) {
    String[] parts = text.split(":");
    double[] radii = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        radii[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "rings: radii must be numbers separated by ':', got '" + text + "'");
      }
    }
    return radii;
  }

  /** The names, in a fixed order. */
  public static List<String> names() {
    return List.copyOf(BY_NAME.keySet());
  }

  /**
   * The density a spec {@code name[:key=value,…]} names, its options checked and the others at
   * their defaults.
   *
   * @throws IllegalArgumentException listing the names, for an unknown one; naming the option, for
   *     an unknown or malformed one
   */
  public static ToyDensity byName(String spec) {
    Options given = Options.parseSpec(spec);
    Entry entry = BY_NAME.get(given.owner());
    if (entry == null) {
      throw new IllegalArgumentException(
          "unknown toy density '" + given.owner() + "'; available: " + String.join(", ", names()));
    }
    return entry.create().apply(entry.options().resolve(given));
  }

  /**
   * The options of the density {@code name}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static OptionSchema options(String name) {
    Entry entry = BY_NAME.get(name);
    if (entry == null) {
      throw new IllegalArgumentException(
          "unknown toy density '" + name + "'; available: " + String.join(", ", names()));
    }
    return entry.options();
  }
}
