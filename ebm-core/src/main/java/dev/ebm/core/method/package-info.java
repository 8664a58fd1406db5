/**
 * The training-method service interface. A {@link dev.ebm.core.method.TrainingMethod} builds, from
 * any energy model and a data batch, the loss to minimise and the diagnostics a researcher watches;
 * implementations live in their own modules and are found by name through {@link
 * dev.ebm.core.method.TrainingMethodProvider}. The trainer knows only this interface.
 */
package dev.ebm.core.method;
