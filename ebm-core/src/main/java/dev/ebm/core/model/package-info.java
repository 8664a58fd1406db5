/**
 * The energy-model service interface: an {@link dev.ebm.core.model.EnergyModel} builds the energy
 * {@code E(x)} of a batch from explicit parameters, with {@code p(x) ∝ exp(−E(x))}; a {@link
 * dev.ebm.core.model.NoiseConditionalEnergyModel} also takes a noise level {@code σ}. Concrete
 * architectures live in ebm-models and are found by name through {@link
 * dev.ebm.core.model.EnergyModelProvider}.
 */
package dev.ebm.core.model;
