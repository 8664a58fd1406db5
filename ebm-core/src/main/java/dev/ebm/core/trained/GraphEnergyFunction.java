package dev.ebm.core.trained;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.Fetched;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A trained energy built into a graph of its own, with its parameters frozen at their checkpointed
 * values, evaluated in batches of at most {@value #BATCH} points per {@code Session.run}.
 */
public final class GraphEnergyFunction implements EnergyFunction {

  private static final int BATCH = 4096;

  private final TrainedModel trained;
  private final String description;
  private final ModelGraph<TFloat32> graph;
  private final Placeholder<TFloat32> x;
  private final Placeholder<TFloat32> sigma;
  private final Operand<TFloat32> energy;
  private final Operand<TFloat32> score;

  /** The energy of {@code trained}, described as {@code description} (e.g. its directory). */
  public GraphEnergyFunction(TrainedModel trained, String description) {
    this.trained = trained;
    this.description = description;
    EnergyModel model = trained.model();
    this.graph = ModelGraph.create(TFloat32.class, 0);
    Ops tf = graph.ops();
    VariableSet<TFloat32> variables =
        graph.createVariables("model", trained.parameters().asSpecs(model.parameterSpecs()));
    this.x = graph.placeholder("x", Shape.of(-1).append(model.sampleShape()));
    if (model instanceof NoiseConditionalEnergyModel conditional) {
      this.sigma = graph.placeholder("sigma", Shape.of(-1));
      this.energy = conditional.energy(tf, x, sigma, variables.read());
    } else {
      this.sigma = null;
      this.energy = model.energy(tf, x, variables.read());
    }
    this.score = Gradients.score(tf, energy, x);
    graph.initialize();
  }

  @Override
  public Shape sampleShape() {
    return trained.model().sampleShape();
  }

  @Override
  public boolean isNoiseConditional() {
    return sigma != null;
  }

  @Override
  public double[] energies(double[] points, double[] sigmas) {
    return evaluate(energy, 1, points, sigmas);
  }

  @Override
  public double[] scores(double[] points, double[] sigmas) {
    return evaluate(score, sampleSize(), points, sigmas);
  }

  @Override
  public OptionalDouble logPartition() {
    return trained.logPartition();
  }

  @Override
  public String describe() {
    return description;
  }

  private double[] evaluate(
      Operand<TFloat32> output, int perPoint, double[] points, double[] sigmas) {
    int d = sampleSize();
    int n = Inputs.pointCount(points, d);
    Inputs.requireSigmas(isNoiseConditional(), sigmas, n);
    double[] out = new double[n * perPoint];
    for (int start = 0; start < n; start += BATCH) {
      int count = Math.min(BATCH, n - start);
      double[] chunk = Arrays.copyOfRange(points, start * d, (start + count) * d);
      try (Feeds feeds =
          Feeds.none().put(x, graph.tensor(Shape.of(count).append(sampleShape()), chunk))) {
        if (sigma != null) {
          feeds.put(
              sigma,
              graph.tensor(Shape.of(count), Arrays.copyOfRange(sigmas, start, start + count)));
        }
        try (Fetched fetched = graph.run(feeds, List.of(output), List.of())) {
          System.arraycopy(fetched.doubles(0), 0, out, start * perPoint, count * perPoint);
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    graph.close();
  }
}
