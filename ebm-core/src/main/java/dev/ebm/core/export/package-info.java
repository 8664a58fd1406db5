/**
 * Export of trained energies as TensorFlow SavedModels with {@code energy}, {@code score} and
 * {@code serving_default} signatures, loadable by TensorFlow Serving or any TensorFlow runtime.
 */
package dev.ebm.core.export;
