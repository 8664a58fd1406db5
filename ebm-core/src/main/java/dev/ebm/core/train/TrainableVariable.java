package dev.ebm.core.train;

import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TFloating;

/**
 * A variable the optimiser updates, with a unique name ({@code scope/parameter}) for its slots and
 * the read through which the loss was differentiated.
 *
 * @param name unique in the graph, e.g. {@code model/dense0/kernel}
 * @param variable the variable
 * @param read the operand gradients are taken with respect to
 * @param <T> the element type
 */
public record TrainableVariable<T extends TFloating>(
    String name, Variable<T> variable, Operand<T> read) {}
