package dev.ebm.models.providers;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.config.OptionSchema;
import dev.ebm.core.config.Options;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import org.tensorflow.ndarray.Shape;

/**
 * {@code gaussian}: the full-covariance Gaussian energy {@code E(x) = ½(x − μ)ᵀLLᵀ(x − μ)} of flat
 * samples, with {@code log Z = (d/2) log 2π − log det L} in closed form: a baseline, and an energy
 * whose samples and normaliser every tool can be checked against. No options.
 */
public final class GaussianProvider implements EnergyModelProvider {

  @Override
  public String name() {
    return "gaussian";
  }

  @Override
  public String description() {
    return "full-covariance Gaussian energy (a baseline with a closed-form log Z)";
  }

  @Override
  public EnergyModel create(Shape sampleShape, Options options) {
    OptionSchema.none(name()).resolve(options);
    if (sampleShape.numDimensions() != 1) {
      throw new IllegalArgumentException(
          "the gaussian model takes flat samples, got shape "
              + sampleShape
              + "; use csv or toy data");
    }
    return GaussianEnergy.standard(Math.toIntExact(sampleShape.get(0)));
  }
}
