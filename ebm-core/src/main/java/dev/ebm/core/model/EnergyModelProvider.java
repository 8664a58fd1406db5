package dev.ebm.core.model;

import java.util.Map;

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
   * Builds a model for samples of the given shape from string options (e.g. {@code hidden=128,128},
   * {@code activation=swish}); absent options take the documented defaults.
   *
   * @throws IllegalArgumentException naming the bad option, its value, and what is accepted
   */
  EnergyModel create(org.tensorflow.ndarray.Shape sampleShape, Map<String, String> options);
}
