package dev.ebm.api;

/**
 * A trained energy's {@code log Z = log ∫ exp(−E(x)) dx}, so that {@code log p(x) = −E(x) − log Z},
 * and how it is known.
 *
 * @param value log Z
 * @param learned whether training learned it (NCE's {@code c}); else a quadrature gave it
 * @param method how it is known, e.g. {@code learned in training} or {@code by quadrature on a
 *     301^2 grid over [-4.8, 4.8]^2}
 */
public record LogPartition(double value, boolean learned, String method) {

  /** One line: {@code log Z = …, learned in training} or {@code log Z = … by quadrature on …}. */
  public String describe() {
    return "log Z = " + value + (learned ? ", " : " ") + method;
  }
}
