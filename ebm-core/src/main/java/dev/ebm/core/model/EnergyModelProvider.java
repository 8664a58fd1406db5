package dev.ebm.core.model;

import dev.ebm.core.config.NamedServices;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.Options;
import java.util.List;
import org.tensorflow.ndarray.Shape;

/**
 * A named family of energy architectures, found through {@link java.util.ServiceLoader}: a module
 * that ships a model lists its provider in {@code
 * META-INF/services/dev.ebm.core.model.EnergyModelProvider}, and the command line can build it by
 * name without the framework knowing the class.
 */
public interface EnergyModelProvider {

  /** The name the model is asked for by, e.g. {@code mlp}. */
  String name();

  /** One line saying what the architecture is, for {@code --help} listings. */
  String description();

  /**
   * Its options, each declared once (parsing, {@code ebm list}, help and provenance come from
   * this). A provider that parses its options some other way may leave it empty.
   */
  default OptionSchema options() {
    return OptionSchema.none(name());
  }

  /**
   * Builds a model for samples of the given shape from its options (e.g. {@code hidden=128:128},
   * {@code activation=swish}); absent options take the documented defaults.
   *
   * @throws IllegalArgumentException naming the bad option, its value, and what is accepted
   */
  EnergyModel create(Shape sampleShape, Options options);

  /**
   * The standard deviation per coordinate that data standardised for this provider's models is
   * given: their {@link EnergyModel#standardizedScale()}, known before a model is built.
   */
  default double standardizedScale() {
    return 1;
  }

  /** Every provider on the class path, sorted by name. */
  static List<EnergyModelProvider> all() {
    return NamedServices.all(EnergyModelProvider.class, EnergyModelProvider::name);
  }

  /**
   * The provider of that name.
   *
   * @throws IllegalArgumentException listing the available names, for an unknown one
   */
  static EnergyModelProvider byName(String name) {
    return NamedServices.byName(
        EnergyModelProvider.class, EnergyModelProvider::name, name, "model");
  }
}
