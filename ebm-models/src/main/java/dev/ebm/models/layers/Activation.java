package dev.ebm.models.layers;

import dev.ebm.core.model.Smoothness;
import java.util.Arrays;
import java.util.Locale;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * The element-wise nonlinearities an energy network can use, with how often each can usefully be
 * differentiated: score matching needs {@code ∇ₓ²E}, which the piecewise-linear ones make zero
 * almost everywhere.
 */
public enum Activation {
  /** {@code log(1 + eᶻ)}. */
  SOFTPLUS(Smoothness.TWICE_DIFFERENTIABLE),
  /** {@code z·sigmoid(z)} (also called SiLU). */
  SWISH(Smoothness.TWICE_DIFFERENTIABLE),
  /** {@code tanh z}. */
  TANH(Smoothness.TWICE_DIFFERENTIABLE),
  /** {@code z} for {@code z > 0}, {@code eᶻ − 1} otherwise. */
  ELU(Smoothness.TWICE_DIFFERENTIABLE),
  /** {@code max(z, 0)}. */
  RELU(Smoothness.PIECEWISE_LINEAR),
  /**
   * {@code max(z, 0.2 z)}, built as a maximum because TensorFlow has no registered gradient for
   * {@code LeakyReluGrad}.
   */
  LEAKY_RELU(Smoothness.PIECEWISE_LINEAR);

  private static final double LEAKY_SLOPE = 0.2;

  private final Smoothness smoothness;

  Activation(Smoothness smoothness) {
    this.smoothness = smoothness;
  }

  /** Whether a network using this activation is twice differentiable in its input. */
  public Smoothness smoothness() {
    return smoothness;
  }

  /** The name used in options, e.g. {@code leaky_relu}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The option names of all activations, for option parsing. */
  public static String[] optionNames() {
    return Arrays.stream(values()).map(Activation::optionName).toArray(String[]::new);
  }

  /** The activation with that option name. */
  public static Activation fromOptionName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** Applies the activation element-wise. */
  public <T extends TFloating> Operand<T> apply(Ops tf, Operand<T> z) {
    return switch (this) {
      case SOFTPLUS -> tf.math.softplus(z);
      case SWISH -> tf.math.mul(z, tf.math.sigmoid(z));
      case TANH -> tf.math.tanh(z);
      case ELU -> tf.nn.elu(z);
      case RELU -> tf.nn.relu(z);
      case LEAKY_RELU -> tf.math.maximum(z, tf.math.mul(z, tf.constant(z.type(), LEAKY_SLOPE)));
    };
  }
}
