package dev.ebm.api;

import dev.ebm.core.run.RunSettings;
import dev.ebm.core.train.TrainingSummary;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a trained energy comes from: its source (a run directory, a composition, a SavedModel, or
 * training in this process), the training step of its parameters, the settings it was trained with,
 * and the training this process ran, if it did.
 *
 * @param source the source, in one line
 * @param step the training step of the parameters (for a composition, the sum over its runs); empty
 *     for a SavedModel
 * @param settings the run's settings; empty for a composition or a SavedModel
 * @param training what this process trained: first and last step, time, last loss
 */
public record Provenance(
    String source,
    OptionalLong step,
    Optional<RunSettings> settings,
    Optional<TrainingSummary> training) {}
