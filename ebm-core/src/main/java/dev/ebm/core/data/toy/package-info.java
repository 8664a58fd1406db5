/**
 * Two-dimensional toy densities that can be sampled with a seed and whose log densities are known
 * on a grid, which makes exact metrics possible (KL, total variation, log Z error against a model
 * normalised on the same grid). Densities come in closed form where one exists; curve-shaped ones
 * (moons, swiss roll, pinwheel, spirals) are a curve with isotropic Gaussian noise, whose density
 * is a one-dimensional integral over the curve computed by adaptive quadrature.
 */
package dev.ebm.core.data.toy;
