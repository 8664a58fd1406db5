/**
 * Automatic differentiation beyond what TensorFlow's C++ gradient registry offers: the gradients of
 * gradient ops ({@link dev.ebm.core.autodiff.HigherOrderGradients}), which second-order training
 * objectives need, and helpers for scores, Hessian-vector products and Hessian traces ({@link
 * dev.ebm.core.autodiff.Gradients}, {@link dev.ebm.core.autodiff.HessianTrace}).
 */
package dev.ebm.core.autodiff;
