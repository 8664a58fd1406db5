/**
 * Training: {@link dev.ebm.core.train.TrainingProgram} builds one training step into the graph
 * (objective, gradients, clipping, optimiser update, moving average, state updates, step counter);
 * {@link dev.ebm.core.train.Trainer} runs it over a dataset, with listeners for progress, metrics,
 * TensorBoard, divergence and checkpoints, and resumes from the latest checkpoint.
 */
package dev.ebm.core.train;
