/**
 * Energy architectures, each twice differentiable through the graph with a smooth activation (score
 * matching trains {@code −∇ₓE}, so its parameter gradient is second order): the MLP, the ConvNet of
 * Nijkamp et al. 2019, the ResNet of Du &amp; Mordatch 2019 (spectral norm, self-attention, layer
 * norm), the noise-conditional energy {@code E(x, σ)} of Song &amp; Ermon and the multi-scale
 * energy of Du et al. 2020. Products of experts {@code Σ wᵢEᵢ(x)} (Hinton 2002) combine any of
 * them: {@code dev.ebm.core.model.ProductOfExperts}.
 */
package dev.ebm.models;
