package dev.ebm.methods;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.analytic.Matrices;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.Shape;

/**
 * Each method recovers a 2-D correlated Gaussian from 20 000 samples with the core's Gaussian
 * energy (learnable mean and precision): the precision within a relative Frobenius error and the
 * mean within 0.05 of the sample estimates (for DSM: the precision of the data convolved with the
 * noise, {@code (Σ + σ²I)⁻¹}).
 */
class GaussianRecoveryTest {

  static final double[] MEAN = {0.5, -1.0};
  static final double[][] COVARIANCE = {{1.0, 0.6}, {0.6, 1.5}};
  static final int SAMPLES = 20_000;

  static Dataset data() {
    SplittableRandom random = new SplittableRandom(2024);
    double[][] l = Matrices.cholesky(COVARIANCE);
    double[] points = new double[2 * SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      double a = random.nextGaussian();
      double b = random.nextGaussian();
      points[2 * i] = MEAN[0] + l[0][0] * a;
      points[2 * i + 1] = MEAN[1] + l[1][0] * a + l[1][1] * b;
    }
    return Dataset.of(points, Shape.of(2));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "esm; ; 0.05",
        "ssm; probes=1; 0.05",
        "ssm-vr; probes=1; 0.05",
        "ml; chains=replay,steps=30,epsilon=0.2,buffer=2000,reinit=0.01,init=gaussian,init_std=2,alpha=0; 0.10",
      })
  void recoversPrecisionAndMean(String name, String options, double tolerance) {
    TrainingMethod method =
        TrainingMethodProvider.byName(name).create(Options.parse(name, options));
    Training.Settings settings = new Training.Settings(500, 1500, 0.01, 0.995, 11);
    Dataset data = data();
    ParameterSnapshot learned =
        Training.run(GaussianEnergy.standard(2), method, data, settings, Training::averaged);
    assertRecovered(name, learned, Matrices.inverseSpd(sampleCovariance(data, 0)), tolerance);
  }

  @Test
  void dsmRecoversThePrecisionOfTheNoisyData() {
    double sigma = 0.5;
    TrainingMethod method = new DenoisingScoreMatching(sigma);
    Dataset data = data();
    ParameterSnapshot learned =
        Training.run(
            GaussianEnergy.standard(2),
            method,
            data,
            new Training.Settings(500, 1500, 0.01, 0.995, 12),
            Training::averaged);
    assertRecovered(
        "dsm", learned, Matrices.inverseSpd(sampleCovariance(data, sigma * sigma)), 0.05);
  }

  @ParameterizedTest(name = "kernel bandwidth {0} (0: Gaussian noise)")
  @ValueSource(doubles = {0, 0.2})
  void nceRecoversTheGaussianAndItsLogPartition(double kernelBandwidth) {
    Dataset data = data();
    double[] cAndLogZ = new double[2];
    ParameterSnapshot learned =
        Training.run(
            GaussianEnergy.standard(2),
            new NoiseContrastiveEstimation(
                1,
                1.0,
                kernelBandwidth > 0 ? OptionalDouble.of(kernelBandwidth) : OptionalDouble.empty()),
            data,
            new Training.Settings(1000, 2000, 0.01, 0.995, 13),
            (graph, program) -> {
              ParameterSnapshot live = Training.live(graph, program);
              cAndLogZ[0] = graph.evaluate(program.steps().get(0).diagnostics().get("log_z"))[0];
              cAndLogZ[1] =
                  GaussianEnergy.logPartition(live.values().get(GaussianEnergy.LOG_DIAGONAL));
              return Training.averaged(graph, program);
            });
    assertRecovered("nce", learned, Matrices.inverseSpd(sampleCovariance(data, 0)), 0.05);
    System.out.printf(
        "nce: c %.4f, exact log Z of the learned energy %.4f%n", cAndLogZ[0], cAndLogZ[1]);
    assertTrue(
        Math.abs(cAndLogZ[0] - cAndLogZ[1]) < 0.05,
        "nce's c = "
            + cAndLogZ[0]
            + " but the exact log Z of the learned energy is "
            + cAndLogZ[1]);
  }

  static void assertRecovered(
      String method, ParameterSnapshot learned, double[][] precision, double tolerance) {
    double[][] learnedPrecision =
        GaussianEnergy.precision(
            learned.values().get(GaussianEnergy.CHOLESKY),
            learned.values().get(GaussianEnergy.LOG_DIAGONAL));
    double error = Matrices.relativeFrobeniusError(learnedPrecision, precision);
    double[] mean = learned.values().get(GaussianEnergy.MEAN);
    double[] sampleMean = Matrices.mean(dataPoints(), 2);
    double meanError = Math.hypot(mean[0] - sampleMean[0], mean[1] - sampleMean[1]);
    System.out.printf("%s: precision error %.4f, mean error %.4f%n", method, error, meanError);
    assertTrue(
        error <= tolerance,
        method
            + ": relative precision error "
            + error
            + " > "
            + tolerance
            + "; learned "
            + java.util.Arrays.deepToString(learnedPrecision)
            + ", expected "
            + java.util.Arrays.deepToString(precision));
    assertTrue(
        meanError <= 0.05,
        method
            + ": mean "
            + java.util.Arrays.toString(mean)
            + " is "
            + meanError
            + " from "
            + java.util.Arrays.toString(sampleMean));
  }

  private static double[] dataPoints() {
    Dataset data = data();
    double[] points = new double[2 * SAMPLES];
    float[] sample = new float[2];
    for (int i = 0; i < SAMPLES; i++) {
      data.copySample(i, sample, 0);
      points[2 * i] = sample[0];
      points[2 * i + 1] = sample[1];
    }
    return points;
  }

  private static double[][] sampleCovariance(Dataset data, double addedVariance) {
    double[][] covariance = Matrices.covariance(dataPoints(), 2);
    covariance[0][0] += addedVariance;
    covariance[1][1] += addedVariance;
    return covariance;
  }
}
