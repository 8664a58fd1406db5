/**
 * The files the commands and the reproductions write from what the library returns: samples as CSV
 * with their plot, sampler settings and chain diagnostics as JSON, the offline quality of
 * Fashion-MNIST samples, and an evaluation's JSON with its density figure.
 */
package dev.ebm.experiments.output;
