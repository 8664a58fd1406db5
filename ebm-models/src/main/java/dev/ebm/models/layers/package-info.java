/**
 * The layers models are built from — dense, 2-D convolution, spectral normalisation (Miyato et al.
 * 2018), layer normalisation, SAGAN self-attention, pooling — and the activations, with the
 * smoothness each keeps (softplus, swish, tanh and ELU twice differentiable; ReLU and leaky ReLU
 * piecewise linear).
 */
package dev.ebm.models.layers;
