/**
 * Checkpoints: every variable of a graph (parameters, optimiser state, moving averages, replay
 * buffers, the step counter that keys all random numbers) plus the little Java-side state a run
 * needs to resume (the batch position), written atomically and pruned to the last k.
 */
package dev.ebm.core.checkpoint;
