package dev.ebm.experiments.bench;

import dev.ebm.core.autodiff.ProbeDistribution;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.Parameters;
import dev.ebm.core.graph.RunProfile;
import dev.ebm.core.graph.SessionOptions;
import dev.ebm.core.graph.TensorIO;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.random.RandomStream;
import dev.ebm.core.sampling.LangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.sampling.Sampler;
import dev.ebm.core.sampling.SplitChains;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.core.train.TrainingProgram;
import dev.ebm.methods.DenoisingScoreMatching;
import dev.ebm.methods.NoiseContrastiveEstimation;
import dev.ebm.methods.ScoreMatching;
import dev.ebm.models.MlpEnergy;
import dev.ebm.models.layers.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The workloads of BENCHMARKS.md, defined exactly as that page does (float32, Adam 1e-3). */
final class Workloads {

  private Workloads() {}

  static List<Workload> all() {
    List<Workload> all = new ArrayList<>();
    all.add(dsmMlp2d("dsm_mlp2d", 360, 1024, 128));
    all.add(
        training(
            "esm_mlp2d",
            90,
            () -> mlp(2, 128),
            ScoreMatching.exact(),
            Workloads::eightGaussians,
            1024));
    all.add(
        training("ssm_mlp2d", 160, () -> mlp(2, 128), sliced(), Workloads::eightGaussians, 1024));
    all.add(
        training(
            "nce_mlp2d",
            320,
            () -> mlp(2, 128),
            new NoiseContrastiveEstimation(1, 1.0),
            Workloads::eightGaussians,
            1024));
    all.add(new Workload("langevin_mlp2d", 950, 100, false, Workloads::langevin));
    for (int d : new int[] {2, 8, 32, 128}) {
      all.add(
          training(
              "ssm_mlp_d" + d, 200, () -> mlp(d, 256), sliced(), () -> standardNormal(d), 256));
    }
    double[] esmTargets = {150, 45, 11, 3};
    int[] dims = {2, 8, 32, 128};
    for (int i = 0; i < dims.length; i++) {
      int d = dims[i];
      all.add(
          training(
              "esm_mlp_d" + d,
              esmTargets[i],
              () -> mlp(d, 256),
              ScoreMatching.exact(),
              () -> standardNormal(d),
              256));
    }
    all.add(
        training(
            "dsm_conv28",
            25,
            BenchConvEnergy::new,
            new DenoisingScoreMatching(0.1),
            Workloads::uniformImages,
            64));
    return all;
  }

  private static ScoreMatching sliced() {
    return new ScoreMatching(
        ScoreMatching.Estimator.SLICED_VARIANCE_REDUCED, ProbeDistribution.RADEMACHER, 1);
  }

  /**
   * {@code dsm_mlp2d} at another batch and width of the two hidden layers: the workload of {@code
   * ebm bench --sweep}.
   */
  static Workload dsmMlp2d(int batch, int width) {
    return dsmMlp2d("dsm_mlp2d_b" + batch + "_w" + width, 0, batch, width);
  }

  private static Workload dsmMlp2d(String name, double target, int batch, int width) {
    return training(
        name,
        target,
        () -> mlp(2, width),
        new DenoisingScoreMatching(0.1),
        Workloads::eightGaussians,
        batch);
  }

  private static EnergyModel mlp(int d, int h) {
    return new MlpEnergy(Shape.of(d), new int[] {h, h}, Activation.SOFTPLUS, false);
  }

  /**
   * A training workload: K steps per call (as {@code ebm train} runs them), step k taking the
   * contiguous slice at (k·B) mod N of a fixed pool, fed and fetched as the trainer does.
   */
  private static Workload training(
      String name,
      double target,
      Supplier<EnergyModel> model,
      TrainingMethod method,
      Supplier<Dataset> pool,
      int batch) {
    return new Workload(
        name,
        target,
        1,
        true,
        (options, requestedStepsPerCall) -> {
          Dataset data = pool.get();
          ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 1, options);
          TrainingProgram<TFloat32> program =
              TrainingProgram.build(
                  graph,
                  model.get(),
                  method,
                  ProgramConfig.of(OptimizerConfig.adam(1e-3)),
                  DataStatistics.of(data),
                  batch,
                  requestedStepsPerCall);
          int stepsPerCall = program.stepsPerRun();
          int sampleSize = data.sampleSize();
          float[] samples = new float[data.size() * sampleSize];
          for (int i = 0; i < data.size(); i++) {
            data.copySample(i, samples, i * sampleSize);
          }
          int batches = data.size() / batch;
          int batchFloats = batch * sampleSize;
          Shape shape = Shape.of(stepsPerCall).append(data.batchShape(batch));
          List<Operand<?>> reports = new ArrayList<>();
          program.steps().forEach(s -> reports.add(s.report()));
          List<Op> finish = List.of(program.trainOp(stepsPerCall));
          graph.initialize();
          return new Workload.Step() {
            private int next;
            private final float[] fed = new float[stepsPerCall * batchFloats];

            private Feeds feeds() {
              for (int k = 0; k < stepsPerCall; k++) {
                System.arraycopy(samples, next * batchFloats, fed, k * batchFloats, batchFloats);
                next = (next + 1) % batches;
              }
              return Feeds.none().put(program.data(), TensorIO.tensor(TFloat32.class, shape, fed));
            }

            @Override
            public void run() {
              try (Feeds feeds = feeds()) {
                graph.run(feeds, reports, finish).close();
              }
            }

            @Override
            public RunProfile profile() {
              try (Feeds feeds = feeds()) {
                return graph.runProfiled(feeds, reports, finish);
              }
            }

            @Override
            public int stepsPerCall() {
              return stepsPerCall;
            }

            @Override
            public double flopsPerStep() {
              List<Operation> roots = new ArrayList<>();
              reports.forEach(r -> roots.add(r.op()));
              roots.add(finish.get(0).op());
              return GraphFlops.count(roots) / stepsPerCall;
            }

            @Override
            public long crossTaskBytesPerStep() {
              return graph
                  .crossTaskTraffic(reports, finish)
                  .map(t -> t.per(stepsPerCall).total())
                  .orElse(0L);
            }

            @Override
            public void close() {
              graph.close();
            }
          };
        });
  }

  /**
   * 100 Langevin steps of 1 024 chains from the same x₀ ~ N(0, I), MLP(2, 128) at init; with local
   * replicas, the chains split into that many groups run side by side ({@link SplitChains}).
   */
  private static Workload.Step langevin(SessionOptions options, StepsPerRun ignoredStepsPerCall) {
    ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 1, options);
    Ops tf = graph.ops();
    EnergyModel model = mlp(2, 128);
    VariableSet<TFloat32> variables = graph.createVariables("model", model.parameterSpecs());
    Parameters<TFloat32> parameters = variables.detachedRead(tf);
    SplittableRandom random = new SplittableRandom(3);
    float[] start = new float[1024 * 2];
    for (int i = 0; i < start.length; i++) {
      start[i] = (float) random.nextGaussian();
    }
    Operand<TFloat32> x0 =
        tf.constant(Shape.of(1024, 2), org.tensorflow.ndarray.buffer.DataBuffers.of(start));
    Sampler sampler = LangevinSampler.of(100, new LangevinStep(0.1, 1.0));
    if (options.localReplicas() > 1) {
      sampler = new SplitChains(sampler, options.localReplicas());
    }
    Operand<TFloat32> chain =
        sampler.sample(tf, model, parameters, x0, RandomStream.of(tf, 5, tf.constant(0L)));
    Operand<TFloat32> checksum = tf.reduceSum(chain, tf.constant(new int[] {0, 1}));
    graph.initialize();
    return new Workload.Step() {
      @Override
      public void run() {
        graph.evaluate(checksum);
      }

      @Override
      public RunProfile profile() {
        try (Feeds none = Feeds.none()) {
          return graph.runProfiled(none, List.of(checksum), List.of());
        }
      }

      @Override
      public int stepsPerCall() {
        return 1;
      }

      @Override
      public double flopsPerStep() {
        // The loop body counts once: one Langevin step.
        return GraphFlops.count(List.of(checksum.op()));
      }

      @Override
      public void close() {
        graph.close();
      }
    };
  }

  /** N = 65 536 points of 8 equal Gaussians at 2·(cos 2πk/8, sin 2πk/8), std 0.1. */
  private static Dataset eightGaussians() {
    SplittableRandom random = new SplittableRandom(8);
    int n = 65_536;
    double[] points = new double[2 * n];
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(8);
      points[2 * i] = 2 * Math.cos(2 * Math.PI * k / 8) + 0.1 * random.nextGaussian();
      points[2 * i + 1] = 2 * Math.sin(2 * Math.PI * k / 8) + 0.1 * random.nextGaussian();
    }
    return Dataset.of(points, Shape.of(2));
  }

  /** N = 16 384 points of N(0, I_d). */
  private static Dataset standardNormal(int d) {
    SplittableRandom random = new SplittableRandom(d);
    double[] points = new double[16_384 * d];
    for (int i = 0; i < points.length; i++) {
      points[i] = random.nextGaussian();
    }
    return Dataset.of(points, Shape.of(d));
  }

  /** N = 4 096 images 28×28×1 with pixels U(0, 1). */
  private static Dataset uniformImages() {
    SplittableRandom random = new SplittableRandom(28);
    float[] pixels = new float[4096 * 784];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (float) random.nextDouble();
    }
    return Dataset.of(pixels, Shape.of(28, 28, 1));
  }
}
