package dev.ebm.core.graph;

import java.util.regex.Pattern;
import org.tensorflow.ndarray.Shape;

/**
 * The declaration of one model parameter: a hierarchical name ({@code dense0/kernel}), a fully
 * known shape, how it is initialised, and whether an optimiser trains it or the model updates it
 * itself (a spectral-norm power-iteration vector, say).
 *
 * @param name segments separated by {@code /}; each segment is letters, digits, {@code _ . -}
 * @param shape fully known shape
 * @param initializer how the initial value is drawn
 * @param role whether the optimiser trains this parameter
 */
public record ParameterSpec(String name, Shape shape, Initializer initializer, Role role) {

  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_.\\-]*");

  /** Who changes a parameter's value during training. */
  public enum Role {
    /** Updated by the optimiser from the loss gradient. */
    TRAINABLE,
    /** Updated by the model's own state-update rule; never differentiated. */
    STATE
  }

  public ParameterSpec {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("parameter name must not be empty");
    }
    for (String segment : name.split("/", -1)) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException(
            "parameter name '"
                + name
                + "' has an invalid segment '"
                + segment
                + "'; segments are letters, digits, '_', '.', '-' separated by '/'");
      }
    }
    if (shape == null || shape.isUnknown() || shape.hasUnknownDimension()) {
      throw new IllegalArgumentException(
          "parameter '" + name + "' needs a fully known shape, got " + shape);
    }
    if (initializer == null || role == null) {
      throw new IllegalArgumentException(
          "parameter '" + name + "' needs an initializer and a role");
    }
  }

  /** A trainable parameter. */
  public static ParameterSpec trainable(String name, Shape shape, Initializer initializer) {
    return new ParameterSpec(name, shape, initializer, Role.TRAINABLE);
  }

  /** A state parameter that the model updates itself. */
  public static ParameterSpec state(String name, Shape shape, Initializer initializer) {
    return new ParameterSpec(name, shape, initializer, Role.STATE);
  }

  /** The same declaration under {@code prefix/}. */
  public ParameterSpec withPrefix(String prefix) {
    return new ParameterSpec(prefix + "/" + name, shape, initializer, role);
  }

  /** Whether the optimiser trains this parameter. */
  public boolean isTrainable() {
    return role == Role.TRAINABLE;
  }

  /** The number of scalar values. */
  public long size() {
    return shape.size();
  }
}
