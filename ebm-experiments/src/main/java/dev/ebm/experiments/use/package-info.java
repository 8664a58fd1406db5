/**
 * Using a trained energy: evaluating {@code E(x)}, the score {@code −∇ₓE(x)} and, where the
 * normaliser is known, {@code log p(x) = −E(x) − log Z}, from a run directory, a composition of
 * runs or an exported SavedModel.
 */
package dev.ebm.experiments.use;
