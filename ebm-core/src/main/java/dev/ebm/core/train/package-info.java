/**
 * Training: {@link dev.ebm.core.train.TrainingProgram} builds the training step into the graph K
 * times per session call ({@link dev.ebm.core.train.StepsPerRun}); one step (objective, gradients,
 * replica means, clipping, optimiser update, moving averages, state updates, step counter) is built
 * by {@code StepBuilder} with its helpers. {@link dev.ebm.core.train.Trainer} runs it over a
 * dataset, with listeners for progress, metrics, TensorBoard, divergence and checkpoints, and
 * resumes from the latest checkpoint.
 */
package dev.ebm.core.train;
