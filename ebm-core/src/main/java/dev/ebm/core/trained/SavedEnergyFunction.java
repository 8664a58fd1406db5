package dev.ebm.core.trained;

import dev.ebm.core.export.SavedModelExport;
import dev.ebm.core.graph.TensorIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * An exported SavedModel's energy, called through its signatures ({@code energy}, {@code score},
 * and {@code log_density} when the export has one, from which {@code log Z = −E(x) − log p(x)} is
 * read once).
 */
public final class SavedEnergyFunction implements EnergyFunction {

  private static final int BATCH = 4096;

  private final Path directory;
  private final SavedModelBundle bundle;
  private final Shape sampleShape;
  private final boolean noiseConditional;
  private final OptionalDouble logPartition;

  /**
   * Loads the SavedModel in {@code directory}.
   *
   * @throws IllegalArgumentException if it is not an ebm export
   */
  public SavedEnergyFunction(Path directory) {
    if (!Files.exists(directory.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException(
          directory + " is not a SavedModel (no saved_model.pb); export one with ebm export");
    }
    this.directory = directory;
    this.bundle = SavedModelBundle.load(directory.toString(), SavedModelExport.TAG);
    Map<String, Signature> signatures = new LinkedHashMap<>();
    bundle.signatures().forEach(s -> signatures.put(s.key(), s));
    if (!signatures.containsKey("energy") || !signatures.containsKey("score")) {
      bundle.close();
      throw new IllegalArgumentException(
          directory + " has no 'energy' and 'score' signatures; is it an ebm export?");
    }
    Signature energy = signatures.get("energy");
    long[] dims = energy.getInputs().get("x").shape.asArray();
    this.sampleShape = Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
    this.noiseConditional = energy.getInputs().containsKey("sigma");
    if (signatures.containsKey("log_density")) {
      double[] origin = new double[sampleSize()];
      double[] sigma = noiseConditional ? new double[] {1} : null;
      double e = call("energy", "energy", origin, sigma, 1)[0];
      double logP = call("log_density", "log_density", origin, sigma, 1)[0];
      this.logPartition = OptionalDouble.of(-e - logP);
    } else {
      this.logPartition = OptionalDouble.empty();
    }
  }

  @Override
  public Shape sampleShape() {
    return sampleShape;
  }

  @Override
  public boolean isNoiseConditional() {
    return noiseConditional;
  }

  @Override
  public double[] energies(double[] x, double[] sigma) {
    return call("energy", "energy", x, sigma, 1);
  }

  @Override
  public double[] scores(double[] x, double[] sigma) {
    return call("score", "score", x, sigma, sampleSize());
  }

  @Override
  public OptionalDouble logPartition() {
    return logPartition;
  }

  @Override
  public String describe() {
    return "SavedModel " + directory;
  }

  private double[] call(String key, String output, double[] points, double[] sigmas, int perPoint) {
    int d = sampleSize();
    int n = Inputs.pointCount(points, d);
    Inputs.requireSigmas(noiseConditional, sigmas, n);
    double[] out = new double[n * perPoint];
    for (int start = 0; start < n; start += BATCH) {
      int count = Math.min(BATCH, n - start);
      Map<String, Tensor> arguments = new LinkedHashMap<>();
      try (TFloat32 x = floats(Shape.of(count).append(sampleShape), points, start * d, count * d);
          TFloat32 sigma =
              noiseConditional ? floats(Shape.of(count), sigmas, start, count) : null) {
        arguments.put("x", x);
        if (sigma != null) {
          arguments.put("sigma", sigma);
        }
        try (Result result = bundle.function(key).call(arguments)) {
          double[] values = TensorIO.toDoubles(result.get(output).orElseThrow());
          System.arraycopy(values, 0, out, start * perPoint, count * perPoint);
        }
      }
    }
    return out;
  }

  private static TFloat32 floats(Shape shape, double[] values, int from, int count) {
    float[] f = new float[count];
    for (int i = 0; i < count; i++) {
      f[i] = (float) values[from + i];
    }
    return TFloat32.tensorOf(shape, DataBuffers.of(f, true, false));
  }

  @Override
  public void close() {
    bundle.close();
  }
}
