/**
 * The {@code ebm} command line ({@link dev.ebm.experiments.Ebm}): {@code list}, {@code train},
 * {@code export}, {@code reproduce} and {@code bench}, where methods and models meet. A run's
 * settings are a {@link dev.ebm.experiments.RunSpec} saved in its run directory, from which resume
 * and export rebuild the same graph.
 */
package dev.ebm.experiments;
