package dev.ebm.api;

import dev.ebm.core.data.Rows;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Samples drawn from a trained energy, and how: the chains' final states, their diagnostics
 * (effective sample size and split R̂ of the energy and the coordinates over the recorded states,
 * the kernel Stein discrepancy of the samples; a Metropolis sampler's acceptance rate and step),
 * every update written out, where the chains started, the seed and the time taken.
 *
 * @param points the final states, one row per chain (each a flattened sample)
 * @param diagnostics the chains' diagnostics by name (numbers, or a note where none apply)
 * @param updates each stretch of the chain written out, e.g. {@code 1000 x x <- x - 0.0071 grad E +
 *     0.1 z}
 * @param totalSteps the number of updates of a chain run outside the graph; empty for a sampler run
 *     inside one
 * @param startLow the lower end of the uniform start range
 * @param startHigh its upper end
 * @param seed the seed of the starts and the noise
 * @param seconds the time the chains took
 */
public record Samples(
    double[][] points,
    Map<String, Object> diagnostics,
    List<String> updates,
    OptionalLong totalSteps,
    double startLow,
    double startHigh,
    long seed,
    double seconds) {

  public Samples {
    diagnostics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(diagnostics));
    updates = List.copyOf(updates);
  }

  /** The number of chains. */
  public int count() {
    return points.length;
  }

  /** The samples row-major in one array, {@code [count] + sampleShape} flattened. */
  public double[] flattened() {
    return Rows.flatten(points);
  }
}
