/**
 * How the {@code ebm} process meets the operating system: the signals that stop long work at a safe
 * point ({@link dev.ebm.experiments.process.StopSignals}).
 */
package dev.ebm.experiments.process;
