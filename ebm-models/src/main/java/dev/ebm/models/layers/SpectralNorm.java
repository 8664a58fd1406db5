package dev.ebm.models.layers;

import dev.ebm.core.graph.Initializer;
import dev.ebm.core.graph.ParameterSpec;
import dev.ebm.core.graph.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.family.TFloating;

/**
 * Spectral normalisation of a weight (Miyato et al. 2018): the kernel, viewed as a matrix {@code M}
 * of shape {@code [fan_in, out]}, is divided by an estimate of its largest singular value from a
 * persistent vector {@code u ∈ ℝ^out}:
 *
 * <pre>
 *   σ(W) = ‖M û‖,   û = u / ‖u‖,   W_SN = W / σ(W)
 * </pre>
 *
 * and each training step advances {@code u} by one power iteration, {@code u' = normalise(Mᵀ
 * normalise(M u))}, through {@link dev.ebm.core.model.EnergyModel#stateUpdates}. As {@code û}
 * converges to the top right singular vector, {@code ‖M û‖} converges to the largest singular value
 * and its gradient to {@code v ûᵀ}, the gradient the paper obtains by treating {@code u, v} as
 * constants; unlike that shortcut, the gradient here is exact for the function computed, so
 * finite-difference checks hold at every step. {@code u} is a {@link ParameterSpec.Role#STATE}
 * parameter, frozen at export, so an exported energy is a fixed function.
 */
final class SpectralNorm {

  private static final double EPSILON = 1e-12;

  private final String stateName;
  private final long outputs;

  SpectralNorm(String layerName, long outputs) {
    this.stateName = layerName + "/sn_u";
    this.outputs = outputs;
  }

  ParameterSpec stateSpec() {
    return ParameterSpec.state(stateName, Shape.of(outputs), Initializer.normal(1.0));
  }

  /** {@code W / σ(W)}, with the kernel's own shape. */
  <T extends TFloating> Operand<T> normalize(Ops tf, Operand<T> kernel, Parameters<T> parameters) {
    Operand<T> image =
        tf.linalg.matMul(asMatrix(tf, kernel), column(tf, parameters.get(stateName)));
    Operand<T> uSquaredNorm =
        tf.reduceSum(tf.math.square(parameters.get(stateName)), tf.constant(0));
    Operand<T> sigmaSquared =
        tf.math.div(
            tf.reduceSum(tf.math.square(image), tf.constant(new int[] {0, 1})), uSquaredNorm);
    return tf.math.mul(
        kernel, tf.math.rsqrt(tf.math.add(sigmaSquared, tf.constant(kernel.type(), EPSILON))));
  }

  /** The power-iteration update {@code u → u'} for this step. */
  <T extends TFloating> Operand<T> updatedState(
      Ops tf, Operand<T> kernel, Parameters<T> parameters) {
    Operand<T> matrix = asMatrix(tf, tf.stopGradient(kernel));
    Operand<T> v =
        normalizeVector(tf, tf.linalg.matMul(matrix, column(tf, parameters.get(stateName))));
    Operand<T> next = normalizeVector(tf, tf.linalg.matMul(matrix, v, MatMul.transposeA(true)));
    return tf.reshape(next, tf.constant(new long[] {outputs}));
  }

  String stateName() {
    return stateName;
  }

  private <T extends TFloating> Operand<T> asMatrix(Ops tf, Operand<T> kernel) {
    return tf.reshape(kernel, tf.constant(new long[] {-1, outputs}));
  }

  private static <T extends TFloating> Operand<T> column(Ops tf, Operand<T> vector) {
    return tf.reshape(vector, tf.constant(new long[] {-1, 1}));
  }

  private static <T extends TFloating> Operand<T> normalizeVector(Ops tf, Operand<T> column) {
    Operand<T> squaredNorm = tf.reduceSum(tf.math.square(column), tf.constant(new int[] {0, 1}));
    return tf.math.mul(
        column, tf.math.rsqrt(tf.math.add(squaredNorm, tf.constant(column.type(), EPSILON))));
  }
}
