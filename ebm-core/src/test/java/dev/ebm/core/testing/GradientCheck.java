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
import java.util.function.ToDoubleFunction;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat64;

/**
 * Checks, in float64, that the symbolic gradient of a scalar built from placeholder inputs matches
 * central finite differences: {@code ‖g_symbolic − g_fd‖ ≤ tolerance · ‖g_fd‖} plus the
 * differences' own round-off, over all or a random subset of the input coordinates (see {@link
 * #assertMatches}).
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
   * central finite differences, on at most {@code maxCoordinates} coordinates per input (chosen
   * with {@code random}):
   *
   * <pre>
   *   ‖g − g_fd‖ ≤ tolerance · ‖g_fd‖ + ‖r‖,   rᵢ = c · max(σ, u·|f|) / h
   * </pre>
   *
   * where {@code r} is the round-off floor of the central difference itself: each evaluation of
   * {@code f} carries rounding noise {@code σ} (measured at the check point by {@link
   * FiniteDifferences#noise}; at least one unit {@code u} of the last place of {@code f}), and the
   * difference quotient divides it by {@code h}; {@code c} is {@link #NOISE_MULTIPLE}. Without this
   * floor a coordinate whose gradient is tiny next to {@code σ/h} fails on rounding noise alone: in
   * the multi-scale energy, the quarter-resolution network sees a 4×4 image pooled to one pixel, so
   * only one tap of each padded kernel matters and its gradients are ~10⁻⁵ of the loss, and a
   * random choice of 60 coordinates that holds one or two of them measured a relative error of up
   * to 8·10⁻⁶ that was pure round-off (it fell tenfold when h grew tenfold).
   *
   * <p>A coordinate that fails this is measured again with Richardson's extrapolation {@code
   * (4·D(h/2) − D(h)) / 3}, which cancels the {@code h²} truncation term: a large third derivative
   * next to a small gradient (the ResNet's attention under score matching: relative truncation
   * 1.5·10⁻⁶ at {@code h = 10⁻⁵}) is not an error of the gradient. A coordinate whose quotients do
   * not converge quadratically ({@code D(h) − D(h/2) ≉ 4·(D(h/2) − D(h/4))}) has a kink of the
   * function (a piecewise activation's derivative) inside its stencil; the gradient there is
   * one-sided, so the coordinate is left out and reported. More than {@link #MAX_KINK_SHARE} of the
   * coordinates on kinks fails the check.
   *
   * @return the largest relative error {@code ‖g − g_fd‖ / ‖g_fd‖} seen
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
    double noise = evaluationNoise(scalar, names, analyticGradients);
    double worst = 0;
    for (int k = 0; k < names.size(); k++) {
      String name = names.get(k);
      double[] analytic = analyticGradients.get(k);
      int[] coordinates = coordinates(values.get(name).length, maxCoordinates, random);
      ToDoubleFunction<double[]> f = x -> evaluate(scalar, withValue(name, x))[0];
      Comparison comparison = compare(f, values.get(name), coordinates, analytic, tolerance, noise);
      worst = Math.max(worst, comparison.relativeError());
      if (comparison.kinks() > 0) {
        System.out.printf(
            "gradient check of '%s': %d of %d coordinates left out, their stencil straddles a kink%n",
            name, comparison.kinks(), coordinates.length);
      }
      assertTrue(
          comparison.kinks() <= Math.max(1, MAX_KINK_SHARE * coordinates.length),
          () ->
              "gradient w.r.t. '"
                  + name
                  + "': "
                  + comparison.kinks()
                  + " of "
                  + coordinates.length
                  + " coordinates sit on a kink; is the function smooth at this point?");
      assertTrue(
          comparison.passes(tolerance),
          () ->
              "gradient w.r.t. '"
                  + name
                  + "' differs from finite differences: relative error "
                  + comparison.relativeError()
                  + " > "
                  + tolerance
                  + " (finite differences' round-off floor "
                  + comparison.roundOffFloor()
                  + " relative)");
    }
    return worst;
  }

  /**
   * The largest share of checked coordinates that may sit on a kink: a smooth function met at
   * random points puts a kink inside a {@code 2h} stencil rarely.
   */
  public static final double MAX_KINK_SHARE = 0.05;

  /**
   * The round-off floor in units of {@code σ/h}, with {@code σ} the measured noise of {@code f}.
   * Over every gradient check in the suite, run with fresh seeds, the largest excess error we saw
   * was 0.47·σ/h (the multi-scale energy's DSM loss, whose quarter-resolution network gets
   * gradients 10⁻⁵ times |f|); 10 leaves a margin for the noise estimate's own error while staying
   * far below any error of the gradient itself (a 10⁻⁵ relative error in one registered gradient
   * still fails the check).
   */
  static final double NOISE_MULTIPLE = 10;

  private static final double UNIT_ROUND_OFF = Math.ulp(1.0);

  /** Analytic against numeric derivatives on a set of coordinates, kinks left out. */
  private record Comparison(double errorNorm, double numericNorm, double floorNorm, int kinks) {

    double relativeError() {
      return errorNorm / Math.max(numericNorm, 1e-8);
    }

    double roundOffFloor() {
      return floorNorm / Math.max(numericNorm, 1e-8);
    }

    boolean passes(double tolerance) {
      return errorNorm <= tolerance * Math.max(numericNorm, 1e-8) + floorNorm;
    }
  }

  private static Comparison compare(
      ToDoubleFunction<double[]> f,
      double[] at,
      int[] coordinates,
      double[] analytic,
      double tolerance,
      double noise) {
    double h = FiniteDifferences.DEFAULT_STEP;
    double error = 0;
    double numeric = 0;
    double floor = 0;
    int kinks = 0;
    for (int i : coordinates) {
      FiniteDifferences.Quotient q = FiniteDifferences.centralQuotient(f, at, i, h);
      double numericValue = q.value();
      double r = roundOff(q, h, noise);
      if (Math.abs(analytic[i] - numericValue) > tolerance * Math.abs(numericValue) + r) {
        // Richardson: (4·D(h/2) − D(h)) / 3 cancels the h² truncation term of D(h), which a
        // large third derivative makes visible next to a small gradient.
        FiniteDifferences.Quotient half = FiniteDifferences.centralQuotient(f, at, i, h / 2);
        double halfRoundOff = roundOff(half, h / 2, noise);
        numericValue = (4 * half.value() - q.value()) / 3;
        r = (4 * halfRoundOff + r) / 3;
        if (Math.abs(analytic[i] - numericValue) > tolerance * Math.abs(numericValue) + r
            && onKink(f, at, i, h, q, half, halfRoundOff, noise)) {
          kinks++;
          continue;
        }
      }
      double e = analytic[i] - numericValue;
      error += e * e;
      numeric += numericValue * numericValue;
      floor += r * r;
    }
    return new Comparison(Math.sqrt(error), Math.sqrt(numeric), Math.sqrt(floor), kinks);
  }

  /**
   * Whether a kink lies inside the stencil of coordinate {@code i}: for a smooth function the
   * quotients converge quadratically, {@code D(h) − D(h/2) ≈ 4·(D(h/2) − D(h/4))}; a jump of the
   * function or of its derivative inside the stencil breaks that pattern.
   */
  private static boolean onKink(
      ToDoubleFunction<double[]> f,
      double[] at,
      int i,
      double h,
      FiniteDifferences.Quotient full,
      FiniteDifferences.Quotient half,
      double halfRoundOff,
      double noise) {
    FiniteDifferences.Quotient quarter = FiniteDifferences.centralQuotient(f, at, i, h / 4);
    double first = full.value() - half.value();
    double second = half.value() - quarter.value();
    double roundOff =
        roundOff(full, h, noise) + 5 * halfRoundOff + 4 * roundOff(quarter, h / 4, noise);
    return Math.abs(first - 4 * second) > 0.5 * Math.abs(first) + roundOff;
  }

  /**
   * The round-off floor of one central difference: {@link #NOISE_MULTIPLE} times the noise of
   * {@code f} (at least one unit of its last place) over {@code h}.
   */
  private static double roundOff(FiniteDifferences.Quotient q, double h, double noise) {
    double unit = UNIT_ROUND_OFF * Math.max(Math.abs(q.plus()), Math.abs(q.minus()));
    return NOISE_MULTIPLE * Math.max(noise, unit) / h;
  }

  /** The rounding noise of {@code scalar}, probed along its steepest checked coordinate. */
  private double evaluationNoise(
      Operand<TFloat64> scalar, List<String> names, List<double[]> analyticGradients) {
    String steepestInput = names.get(0);
    int steepest = 0;
    double largest = -1;
    for (int k = 0; k < names.size(); k++) {
      double[] g = analyticGradients.get(k);
      for (int i = 0; i < g.length; i++) {
        if (Math.abs(g[i]) > largest) {
          largest = Math.abs(g[i]);
          steepestInput = names.get(k);
          steepest = i;
        }
      }
    }
    String input = steepestInput;
    return FiniteDifferences.noise(
        x -> evaluate(scalar, withValue(input, x))[0], values.get(input), steepest);
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
}
