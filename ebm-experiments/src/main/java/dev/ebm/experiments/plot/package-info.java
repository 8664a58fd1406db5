/** Plots written as PNG with Java's own imaging: scatter plots of 2-D samples. */
package dev.ebm.experiments.plot;
