package dev.ebm.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.Fetched;
import dev.ebm.core.graph.ModelGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Checks, in float64, that the symbolic gradient of a scalar built from placeholder inputs matches
 * central finite differences: {@code ‖g_symbolic − g_fd‖ / ‖g_fd‖ ≤ tolerance} over all or a random
 * subset of the input coordinates.
 */
public final class GradientCheck {

  private final ModelGraph<TFloat64> graph;
  private final Map<String, Placeholder<TFloat64>> inputs = new LinkedHashMap<>();
  private final Map<String, Shape> shapes = new LinkedHashMap<>();
  private final Map<String, double[]> values = new LinkedHashMap<>();
  private final Map<String, Boolean> differentiated = new LinkedHashMap<>();

  /** A check whose inputs live in {@code graph}. */
  public GradientCheck(ModelGraph<TFloat64> graph) {
    this.graph = graph;
  }

  /**
   * Declares an input that is differentiated, with the value at which the gradient is checked.
   *
   * @return the placeholder to build the scalar from
   */
  public Placeholder<TFloat64> input(String name, Shape shape, double[] value) {
    return declare(name, shape, value, true);
  }

  /** Declares an input that is fed but not differentiated. */
  public Placeholder<TFloat64> constantInput(String name, Shape shape, double[] value) {
    return declare(name, shape, value, false);
  }

  private Placeholder<TFloat64> declare(String name, Shape shape, double[] value, boolean diff) {
    Placeholder<TFloat64> p = graph.placeholder(name, shape);
    inputs.put(name, p);
    shapes.put(name, shape);
    values.put(name, value.clone());
    differentiated.put(name, diff);
    return p;
  }

  /**
   * Asserts that the gradient of {@code scalar} with respect to every differentiated input matches
   * finite differences within {@code tolerance}, on at most {@code maxCoordinates} coordinates per
   * input (chosen with {@code random}).
   *
   * @return the largest relative error seen
   */
  public double assertMatches(
      Operand<TFloat64> scalar, double tolerance, int maxCoordinates, SplittableRandom random) {
    List<String> names = new ArrayList<>();
    List<Operand<TFloat64>> wrt = new ArrayList<>();
    inputs.forEach(
        (name, p) -> {
          if (differentiated.get(name)) {
            names.add(name);
            wrt.add(p);
          }
        });
    List<Operand<TFloat64>> symbolic = Gradients.gradients(scalar, wrt);
    List<double[]> analyticGradients = evaluateAll(symbolic, values);
    double worst = 0;
    for (int k = 0; k < names.size(); k++) {
      String name = names.get(k);
      double[] analytic = analyticGradients.get(k);
      int[] coordinates = coordinates(values.get(name).length, maxCoordinates, random);
      double[] numeric =
          FiniteDifferences.partialDerivatives(
              x -> evaluate(scalar, withValue(name, x))[0],
              values.get(name),
              coordinates,
              FiniteDifferences.DEFAULT_STEP);
      double error =
          FiniteDifferences.relativeError(
              FiniteDifferences.select(analytic, coordinates), numeric, 1e-8);
      worst = Math.max(worst, error);
      assertTrue(
          error <= tolerance,
          () ->
              "gradient w.r.t. '"
                  + name
                  + "' differs from finite differences: relative error "
                  + error
                  + " > "
                  + tolerance);
    }
    return worst;
  }

  private Map<String, double[]> withValue(String name, double[] value) {
    Map<String, double[]> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return copy;
  }

  /** Evaluates several outputs in one run, so the graph is optimised once for all of them. */
  private List<double[]> evaluateAll(List<Operand<TFloat64>> outputs, Map<String, double[]> at) {
    try (Feeds feeds = Feeds.none()) {
      inputs.forEach((name, p) -> feeds.put(p, graph.tensor(shapes.get(name), at.get(name))));
      try (Fetched fetched = graph.run(feeds, outputs, List.of())) {
        return fetched.allDoubles();
      }
    }
  }

  private double[] evaluate(Operand<TFloat64> output, Map<String, double[]> at) {
    try (Feeds feeds = Feeds.none()) {
      inputs.forEach((name, p) -> feeds.put(p, graph.tensor(shapes.get(name), at.get(name))));
      return graph.evaluate(output, feeds);
    }
  }

  private static int[] coordinates(int size, int max, SplittableRandom random) {
    if (size <= max) {
      return java.util.stream.IntStream.range(0, size).toArray();
    }
    return random.ints(0, size).distinct().limit(max).sorted().toArray();
  }

  /** {@code n} values drawn uniformly from {@code [low, high)}. */
  public static double[] uniform(SplittableRandom random, int n, double low, double high) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextDouble(low, high);
    }
    return v;
  }

  /**
   * {@code n} values uniform on {@code [low, high)} whose magnitude is at least {@code gap}: for
   * functions with a kink at zero.
   */
  public static double[] uniformAwayFromZero(
      SplittableRandom random, int n, double low, double high, double gap) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double x;
      do {
        x = random.nextDouble(low, high);
      } while (Math.abs(x) < gap);
      v[i] = x;
    }
    return v;
  }

  /** A fresh random source, seeded from the clock and reported so that a failure can be replayed. */
  public static SplittableRandom freshRandom(String testName) {
    long seed = System.nanoTime();
    System.out.println(testName + " uses random seed " + seed);
    return new SplittableRandom(seed);
  }
}
