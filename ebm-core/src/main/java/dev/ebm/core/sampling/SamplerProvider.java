package dev.ebm.core.sampling;

import dev.ebm.core.config.NamedServices;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.Options;
import java.util.List;

/**
 * Creates a configured {@link Sampler} by name. Providers are found through {@link
 * java.util.ServiceLoader}: a module lists its providers in {@code
 * META-INF/services/dev.ebm.core.sampling.SamplerProvider}. A training method that takes its chains
 * through a sampler passes it the options it does not declare itself.
 */
public interface SamplerProvider {

  /** The name the sampler is asked for by, e.g. {@code langevin}. */
  String name();

  /** One line describing the sampler and its options' defaults. */
  String description();

  /**
   * Its options, each declared once (parsing, {@code ebm list}, help and provenance come from
   * this). A provider that parses its options some other way may leave it empty.
   */
  default OptionSchema options() {
    return OptionSchema.none(name());
  }

  /**
   * Creates the sampler from its options; absent options take their documented defaults.
   *
   * @throws IllegalArgumentException for a bad value
   */
  Sampler create(Options options);

  /** Every provider on the class path, sorted by name. */
  static List<SamplerProvider> all() {
    return NamedServices.all(SamplerProvider.class, SamplerProvider::name);
  }

  /**
   * The provider of that name.
   *
   * @throws IllegalArgumentException listing the available names, for an unknown one
   */
  static SamplerProvider byName(String name) {
    return NamedServices.byName(SamplerProvider.class, SamplerProvider::name, name, "sampler");
  }
}
