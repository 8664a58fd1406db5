/**
 * Analytic energies whose normalising constants, densities and scores are known exactly: the
 * references that sampler and training-method tests check against.
 */
package dev.ebm.core.analytic;
