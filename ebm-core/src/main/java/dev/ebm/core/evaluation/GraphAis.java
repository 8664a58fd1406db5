package dev.ebm.core.evaluation;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.sampling.AnnealedImportanceSampling;
import dev.ebm.core.sampling.MalaKernel;
import dev.ebm.core.trained.TrainedModel;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat64;

/**
 * {@code log Z} of a trained model in any dimension by forward annealed importance sampling ({@link
 * AnnealedImportanceSampling}): from a Gaussian with the training data's mean and per-coordinate
 * standard deviation to the model's energy (at its default noise level for a noise-conditional
 * model), with MALA transitions, in double precision, the whole path in one {@code Session.run}.
 * The estimate is a stochastic lower bound on log Z.
 *
 * @param chains the number of annealing chains
 * @param levels the number of intermediate distributions
 */
public record GraphAis(int chains, int levels) {

  /** The initial MALA step, per unit of the data's RMS standard deviation. */
  private static final double STEP_PER_DATA_STD = 0.1;

  public GraphAis {
    if (chains < 2 || levels < 1) {
      throw new IllegalArgumentException(
          "AIS needs at least 2 chains and 1 level, got " + chains + " and " + levels);
    }
  }

  /**
   * The estimate and how it was made.
   *
   * @param estimate log Z with its standard error
   * @param acceptanceRate MALA's mean acceptance over the path
   * @param seconds the time taken
   */
  public record Result(
      AnnealedImportanceSampling.Estimate estimate, double acceptanceRate, double seconds) {

    /** The fields {@code ebm eval} writes. */
    public Map<String, Object> fields(GraphAis settings) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("log_z_ais", estimate.logMeanWeight());
      out.put("log_z_ais_se", estimate.standardError());
      out.put(
          "ais",
          String.format(
              Locale.ROOT,
              "%d chains, %d levels, MALA acceptance %.2f, weight ESS %.0f, %.1f s; a stochastic"
                  + " lower bound",
              settings.chains(),
              settings.levels(),
              acceptanceRate,
              estimate.weightEss(),
              seconds));
      return out;
    }
  }

  /** Estimates the trained model's log Z. */
  public Result estimate(TrainedModel trained, long seed) {
    long began = System.nanoTime();
    DataStatistics data = trained.statistics();
    double[] std = new double[data.variance().length];
    for (int i = 0; i < std.length; i++) {
      std[i] = Math.sqrt(Math.max(data.variance()[i], 1e-12));
    }
    AnnealedImportanceSampling.Base base = new AnnealedImportanceSampling.Base(data.mean(), std);
    AnnealedImportanceSampling ais =
        new AnnealedImportanceSampling(
            new MalaKernel(), levels, STEP_PER_DATA_STD * data.rmsStandardDeviation());
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, seed)) {
      Ops tf = graph.ops();
      VariableSet<TFloat64> variables =
          graph.createVariables(
              "model", trained.parameters().asSpecs(trained.model().parameterSpecs()));
      RandomStream stream = RandomStream.of(tf, graph.seed("ais"), tf.constant(0L));
      Operand<TFloat64> x0 =
          base.sample(
              tf, chains, trained.model().sampleShape(), TFloat64.class, stream.child(tf, "base"));
      AnnealedImportanceSampling.Run<TFloat64> annealed =
          ais.forward(tf, trained.model(), variables.detachedRead(tf), base, x0, stream);
      graph.initialize();
      double[] logWeights = graph.evaluate(annealed.logWeights());
      double acceptance = graph.evaluate(annealed.acceptanceRate())[0];
      return new Result(
          AnnealedImportanceSampling.Estimate.of(logWeights),
          acceptance,
          (System.nanoTime() - began) / 1e9);
    }
  }
}
