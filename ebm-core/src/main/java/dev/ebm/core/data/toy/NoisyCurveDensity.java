package dev.ebm.core.data.toy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A density made of curves ("arms") plus isotropic Gaussian noise: pick arm {@code a} with
 * probability {@code w_a}, a curve parameter {@code t ~ q_a(t)} on {@code [t₀, t₁]}, and return
 * {@code c_a(t) + s·ε}. Its density is {@code p(x) = Σ_a w_a ∫ q_a(t) N(x; c_a(t), s² I) dt},
 * evaluated by the trapezoidal rule on nodes spaced {@code s / (4‖c'(t)‖)} apart along the curve,
 * at which the rule's error for this smooth integrand is far below 1e-8 relative.
 */
abstract class NoisyCurveDensity implements ToyDensity {

  private final double noiseStd;
  private double[] nodeX;
  private double[] nodeY;
  private double[] nodeLogWeight;

  NoisyCurveDensity(double noiseStd) {
    if (!(noiseStd > 0)) {
      throw new IllegalArgumentException("noise std must be positive, got " + noiseStd);
    }
    this.noiseStd = noiseStd;
  }

  /** The number of arms. */
  abstract int arms();

  /** The lower end of arm {@code arm}'s parameter interval. */
  abstract double parameterMin(int arm);

  /** The upper end of arm {@code arm}'s parameter interval. */
  abstract double parameterMax(int arm);

  /** {@code q_a(t)}, which integrates to 1 over the interval. */
  abstract double parameterDensity(int arm, double t);

  /** A draw of {@code t ~ q_a}. */
  abstract double sampleParameter(int arm, SplittableRandom random);

  /** {@code c_a(t)} into {@code out[0..1]}. */
  abstract void curve(int arm, double t, double[] out);

  /** The noise std s. */
  final double noiseStd() {
    return noiseStd;
  }

  @Override
  public final Evaluation evaluation() {
    return Evaluation.QUADRATURE;
  }

  @Override
  public final double[] sample(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] out = new double[2 * n];
    double[] point = new double[2];
    for (int i = 0; i < n; i++) {
      int arm = random.nextInt(arms());
      curve(arm, sampleParameter(arm, random), point);
      out[2 * i] = point[0] + noiseStd * Normal.draw(random);
      out[2 * i + 1] = point[1] + noiseStd * Normal.draw(random);
    }
    return out;
  }

  @Override
  public final double logDensity(double x, double y) {
    if (nodeX == null) {
      buildNodes();
    }
    double inverseTwoVariance = 1 / (2 * noiseStd * noiseStd);
    double max = Double.NEGATIVE_INFINITY;
    int n = nodeX.length;
    double[] exponents = new double[n];
    for (int i = 0; i < n; i++) {
      double dx = x - nodeX[i];
      double dy = y - nodeY[i];
      exponents[i] = nodeLogWeight[i] - (dx * dx + dy * dy) * inverseTwoVariance;
      max = Math.max(max, exponents[i]);
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += Math.exp(exponents[i] - max);
    }
    return max + Math.log(sum) - Math.log(2 * Math.PI * noiseStd * noiseStd);
  }

  /** Places quadrature nodes along each arm, closer where the curve moves faster. */
  private synchronized void buildNodes() {
    if (nodeX != null) {
      return;
    }
    List<double[]> nodes = new ArrayList<>();
    double[] here = new double[2];
    double[] ahead = new double[2];
    for (int arm = 0; arm < arms(); arm++) {
      double t0 = parameterMin(arm);
      double t1 = parameterMax(arm);
      double maxStep = (t1 - t0) / 400;
      List<Double> ts = new ArrayList<>();
      double t = t0;
      while (t < t1) {
        ts.add(t);
        double probe = Math.min(1e-6 * (t1 - t0), t1 - t);
        curve(arm, t, here);
        curve(arm, t + Math.max(probe, 1e-12), ahead);
        double speed = Math.hypot(ahead[0] - here[0], ahead[1] - here[1]) / Math.max(probe, 1e-12);
        t += Math.min(maxStep, noiseStd / (4 * Math.max(speed, 1e-12)));
      }
      ts.add(t1);
      for (int i = 0; i < ts.size(); i++) {
        double left = i == 0 ? ts.get(0) : ts.get(i - 1);
        double right = i == ts.size() - 1 ? ts.get(i) : ts.get(i + 1);
        double weight = (right - left) / 2 * parameterDensity(arm, ts.get(i)) / arms();
        if (weight > 0) {
          curve(arm, ts.get(i), here);
          nodes.add(new double[] {here[0], here[1], Math.log(weight)});
        }
      }
    }
    double[] xs = new double[nodes.size()];
    double[] ys = new double[nodes.size()];
    double[] ws = new double[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      xs[i] = nodes.get(i)[0];
      ys[i] = nodes.get(i)[1];
      ws[i] = nodes.get(i)[2];
    }
    nodeLogWeight = ws;
    nodeY = ys;
    nodeX = xs;
  }
}
