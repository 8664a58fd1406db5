package dev.ebm.core.train;

import java.util.Map;

/**
 * What one training step reported.
 *
 * @param step the number of completed steps, this one included
 * @param loss the loss, computed before the update
 * @param gradientNorm the global norm of the loss gradient, before clipping
 * @param diagnostics the method's named scalars
 * @param parametersFinite whether every trainable value is finite after the update
 * @param elapsedSeconds wall time since the run (or resumed run) started
 */
public record StepResult(
    long step,
    double loss,
    double gradientNorm,
    Map<String, Double> diagnostics,
    boolean parametersFinite,
    double elapsedSeconds) {}
