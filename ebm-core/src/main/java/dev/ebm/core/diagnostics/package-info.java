/**
 * Whether samples can be trusted: effective sample size and split R-hat of Markov chains ({@link
 * dev.ebm.core.diagnostics.ChainDiagnostics}) and the kernel Stein discrepancy of samples against a
 * model's score ({@link dev.ebm.core.diagnostics.KernelSteinDiscrepancy}), which needs no
 * normalising constant.
 */
package dev.ebm.core.diagnostics;
