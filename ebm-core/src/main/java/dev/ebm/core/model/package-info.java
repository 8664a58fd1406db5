/**
 * The energy-model service interface: an {@link dev.ebm.core.model.EnergyModel} builds the energy
 * {@code E(x)} of a batch from explicit parameters, with {@code p(x) ∝ exp(−E(x))}; a {@link
 * dev.ebm.core.model.NoiseConditionalEnergyModel} also takes a noise level {@code σ}. Concrete
 * architectures live in ebm-models and are found by name through {@link
 * dev.ebm.core.model.EnergyModelProvider}. The combinators of energies live here: {@link
 * dev.ebm.core.model.StandardizedEnergy} ({@code E'((x − μ)/s)}) and {@link
 * dev.ebm.core.model.ProductOfExperts} ({@code Σ wᵢEᵢ(x)}), which the library applies to trained
 * models whatever their architecture.
 */
package dev.ebm.core.model;
