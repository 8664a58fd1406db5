/**
 * Seeds and random numbers. Every random source takes a seed derived by name from one root seed
 * ({@link dev.ebm.core.random.Seeds}); random numbers inside a graph come from TensorFlow's
 * stateless random ops keyed by a counter that is itself saved in checkpoints ({@link
 * dev.ebm.core.random.RandomStream}), so a resumed run draws exactly the numbers an uninterrupted
 * one would have drawn.
 */
package dev.ebm.core.random;
