/**
 * The run directory: where a training run keeps its settings, checkpoints, metrics, TensorBoard
 * events and figures, under which names, in which format version, and how a run that fails before
 * its first checkpoint leaves the directory as it found it.
 */
package dev.ebm.core.run;
