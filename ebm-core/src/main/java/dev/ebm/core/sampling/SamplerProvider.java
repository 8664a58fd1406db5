package dev.ebm.core.sampling;

import dev.ebm.core.config.NamedServices;
import dev.ebm.core.config.Options;
import java.util.List;

/**
 * Creates a configured {@link Sampler} by name. Providers are found through {@link
 * java.util.ServiceLoader}: a module lists its providers in {@code
 * META-INF/services/dev.ebm.core.sampling.SamplerProvider}. A sampler's options may be read from a
 * larger set (a training method's), so {@link #create} reads its own keys and leaves the check for
 * unknown keys to the caller.
 */
public interface SamplerProvider {

  /** The name the sampler is asked for by, e.g. {@code langevin}. */
  String name();

  /** One line describing the sampler and its options' defaults. */
  String description();

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
