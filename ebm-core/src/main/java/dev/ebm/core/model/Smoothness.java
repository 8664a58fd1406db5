package dev.ebm.core.model;

/**
 * How often an energy can usefully be differentiated with respect to its input, which decides the
 * training methods it can be paired with.
 */
public enum Smoothness {
  /**
   * Twice continuously differentiable (softplus, swish, tanh, ELU networks; analytic energies):
   * every method applies, including score matching, which trains {@code −∇ₓE} and needs {@code
   * ∇ₓ²E}.
   */
  TWICE_DIFFERENTIABLE,
  /**
   * Piecewise linear (ReLU, leaky ReLU networks): the Hessian is zero almost everywhere, so score
   * matching's trace term vanishes and it cannot train the model; first-order methods (DSM, NCE,
   * maximum likelihood) still apply.
   */
  PIECEWISE_LINEAR
}
