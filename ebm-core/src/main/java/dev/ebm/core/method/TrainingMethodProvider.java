package dev.ebm.core.method;

import dev.ebm.core.config.NamedServices;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.Options;
import java.util.List;

/**
 * Creates a configured {@link TrainingMethod} by name. Providers are found through {@link
 * java.util.ServiceLoader}: a module lists its providers in {@code
 * META-INF/services/dev.ebm.core.method.TrainingMethodProvider}, and the trainer and command line
 * pick them up without the framework knowing the classes.
 */
public interface TrainingMethodProvider {

  /** The name the method is asked for by, e.g. {@code dsm}. */
  String name();

  /** One line describing the method and its paper. */
  String description();

  /**
   * Its options, each declared once (parsing, {@code ebm list}, help and provenance come from
   * this). A provider that parses its options some other way may leave it empty.
   */
  default OptionSchema options() {
    return OptionSchema.none(name());
  }

  /**
   * Creates the method from its options; absent options take their documented defaults.
   *
   * @throws IllegalArgumentException for an unknown option or a bad value
   */
  TrainingMethod create(Options options);

  /** Every provider on the class path, sorted by name. */
  static List<TrainingMethodProvider> all() {
    return NamedServices.all(TrainingMethodProvider.class, TrainingMethodProvider::name);
  }

  /**
   * The provider of that name.
   *
   * @throws IllegalArgumentException listing the available names, for an unknown one
   */
  static TrainingMethodProvider byName(String name) {
    return NamedServices.byName(
        TrainingMethodProvider.class, TrainingMethodProvider::name, name, "training method");
  }
}
