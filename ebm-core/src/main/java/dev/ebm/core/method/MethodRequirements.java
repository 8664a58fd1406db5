package dev.ebm.core.method;

import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.model.Smoothness;

/**
 * What a training method needs of the model it trains, checked before any graph is built so that an
 * impossible pairing fails at once with an explanation.
 *
 * @param secondOrderInputDerivatives the loss contains {@code ∇ₓ²E} (score matching's trace term),
 *     so a piecewise-linear model, whose Hessian vanishes almost everywhere, cannot be trained
 * @param noiseConditional the loss evaluates {@code E(x, σ)} at several noise levels
 */
public record MethodRequirements(boolean secondOrderInputDerivatives, boolean noiseConditional) {

  /** Needs nothing beyond first input derivatives. */
  public static MethodRequirements firstOrder() {
    return new MethodRequirements(false, false);
  }

  /**
   * Returns normally if {@code method} can train {@code model}.
   *
   * @throws IllegalArgumentException saying why not and what to use instead
   */
  public void check(String method, EnergyModel model) {
    if (secondOrderInputDerivatives && model.smoothness() == Smoothness.PIECEWISE_LINEAR) {
      throw new IllegalArgumentException(
          method
              + " trains the score through the Hessian trace tr(∇ₓ²E), which is zero almost"
              + " everywhere for "
              + model.name()
              + " "
              + model.configuration()
              + " (piecewise linear, e.g. ReLU); use a smooth activation (softplus, swish, tanh,"
              + " elu) or a first-order method (dsm, ncsn, nce, ml)");
    }
    if (noiseConditional && !(model instanceof NoiseConditionalEnergyModel)) {
      throw new IllegalArgumentException(
          method
              + " trains E(x, σ) at several noise levels, but "
              + model.name()
              + " takes no noise level; build it noise-conditional (e.g. the model "
              + model.name()
              + ":noise_conditional=true)");
    }
  }
}
