/**
 * Plots written as PNG with Java's own imaging: scatter plots of 2-D samples, line charts and grids
 * of image samples.
 */
package dev.ebm.experiments.plot;
