package dev.ebm.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What an {@link Evaluation} measured, in order: e.g. {@code log_z_grid}, {@code kl}, {@code tv},
 * {@code log_z_learned} and {@code log_z_error}, {@code log_z_ais} with its standard error, {@code
 * test_nll}, {@code mmd2}, and {@code notes} saying what could not be measured and why.
 *
 * @param values the measurements by name: numbers, or text where a measurement is described
 */
public record Measurements(Map<String, Object> values) {

  public Measurements {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The number measured under {@code name}, if there is one. */
  public OptionalDouble number(String name) {
    return values.get(name) instanceof Number n
        ? OptionalDouble.of(n.doubleValue())
        : OptionalDouble.empty();
  }

  /** KL(p_data ‖ p_θ) in nats, against a toy's exact density or a reference density. */
  public OptionalDouble kl() {
    return number("kl");
  }

  /** Total variation against the same density. */
  public OptionalDouble totalVariation() {
    return number("tv");
  }

  /** MMD² between model samples and the training data. */
  public OptionalDouble mmd2() {
    return number("mmd2");
  }

  /** {@code log Z} by quadrature on the grid. */
  public OptionalDouble gridLogPartition() {
    return number("log_z_grid");
  }

  /** The held-out negative log-likelihood in nats. */
  public OptionalDouble testNll() {
    return number("test_nll");
  }

  /** What could not be measured, and why. */
  @SuppressWarnings("unchecked")
  public List<String> notes() {
    return values.get("notes") instanceof List<?> notes ? (List<String>) notes : List.of();
  }
}
