/**
 * Reproductions of the papers' experiments, each training what it needs, measuring the paper's
 * claim and writing its numbers, figures and training runs: NCSN's toy experiment (Song &amp; Ermon
 * 2019, Fig. 3).
 */
package dev.ebm.experiments.reproduce;
