/**
 * Measurements of a trained energy against what is known about its data: {@code log Z} by grid
 * quadrature in up to three dimensions and by annealed importance sampling in any; KL divergence
 * and total variation against an exact or tabulated density; the maximum mean discrepancy of
 * samples; held-out negative log-likelihood. The front door is {@code
 * dev.ebm.api.TrainedEnergy#evaluate}.
 */
package dev.ebm.core.evaluation;
