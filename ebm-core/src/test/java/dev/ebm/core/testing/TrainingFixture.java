package dev.ebm.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ebm.core.analytic.GaussianEnergy;
import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.StepResult;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.core.train.Trainer;
import dev.ebm.core.train.TrainerConfig;
import dev.ebm.core.train.TrainingListener;
import dev.ebm.core.train.TrainingProgram;
import dev.ebm.core.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat64;

/**
 * A small, complete training run (a 2-D Gaussian energy trained by denoising score matching with
 * Adam and a moving average) for trainer, checkpoint and export tests; its {@link #main} runs it in
 * a separate JVM so that a test can kill it mid-run.
 */
public final class TrainingFixture {

  public static final int BATCH = 32;

  private TrainingFixture() {}

  /** 2 000 points of N((1, −1), [[1, 0.5], [0.5, 2]]). */
  public static Dataset data() {
    SplittableRandom random = new SplittableRandom(99);
    double[] points = new double[4000];
    for (int i = 0; i < 2000; i++) {
      double a = gaussian(random);
      double b = gaussian(random);
      points[2 * i] = 1 + a;
      points[2 * i + 1] = -1 + 0.5 * a + Math.sqrt(1.75) * b;
    }
    return Dataset.of(points, Shape.of(2));
  }

  /** The training step in {@code graph}, at learning rate {@code lr}. */
  public static TrainingProgram<TFloat64> program(ModelGraph<TFloat64> graph, double lr) {
    return program(graph, lr, 1);
  }

  /** The training step in {@code graph}, {@code stepsPerRun} steps per session call. */
  public static TrainingProgram<TFloat64> program(
      ModelGraph<TFloat64> graph, double lr, int stepsPerRun) {
    return program(graph, ProgramConfig.of(OptimizerConfig.adam(lr)).withEma(0.9), stepsPerRun);
  }

  /**
   * The training step (a 2-D Gaussian energy by denoising on {@link #data()}) with {@code config},
   * {@code stepsPerRun} steps per session call.
   */
  public static TrainingProgram<TFloat64> program(
      ModelGraph<TFloat64> graph, ProgramConfig config, int stepsPerRun) {
    return TrainingProgram.build(
        graph,
        GaussianEnergy.standard(2),
        new TestDenoisingMethod(0.3),
        config,
        DataStatistics.of(data()),
        BATCH,
        StepsPerRun.fixed(stepsPerRun));
  }

  /** A trainer of {@code program} for {@code steps} steps in {@code directory}. */
  public static Trainer<TFloat64> trainer(
      TrainingProgram<TFloat64> program,
      Optional<Path> directory,
      long steps,
      int checkpointEvery,
      List<? extends TrainingListener> listeners) {
    return new Trainer<>(
        program,
        new Batcher(data(), BATCH, 5, true),
        new TrainerConfig(steps, 5, checkpointEvery, 3, directory, true),
        listeners);
  }

  /** Trains {@code steps} steps into {@code directory} and returns the parameters. */
  public static ParameterSnapshot train(Path directory, long steps, int checkpointEvery)
      throws java.io.IOException {
    return train(directory, steps, checkpointEvery, 1);
  }

  /**
   * Trains {@code steps} steps into {@code directory}, {@code stepsPerRun} per session call, and
   * returns the parameters.
   */
  public static ParameterSnapshot train(
      Path directory, long steps, int checkpointEvery, int stepsPerRun) throws java.io.IOException {
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      TrainingProgram<TFloat64> program = program(graph, 0.05, stepsPerRun);
      trainer(program, Optional.of(directory), steps, checkpointEvery, List.of()).train();
      return ParameterSnapshot.read(graph, program.modelVariables().detachedRead(graph.ops()));
    }
  }

  /**
   * Runs {@code args[1]} steps into {@code args[0]}, sleeping {@code args[2]} ms after each and
   * waiting at the last one (before its checkpoint) to be killed, so that the calling test can kill
   * this JVM mid-run; {@code args[3]} steps per session call and a checkpoint every {@code args[4]}
   * steps (both 1 when not given).
   */
  public static void main(String[] args) throws Exception {
    Path directory = Path.of(args[0]);
    long steps = Long.parseLong(args[1]);
    long sleep = Long.parseLong(args[2]);
    int stepsPerRun = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int checkpointEvery = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    TrainingListener slow =
        new TrainingListener() {
          @Override
          public void onStep(TrainingRun run, StepResult result) {
            try {
              // At the last step, before its checkpoint, the child waits to be killed: a test
              // that kills it always finds a run that did not end.
              Thread.sleep(result.step() >= steps ? Long.MAX_VALUE : sleep);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    try (ModelGraph<TFloat64> graph = ModelGraph.create(TFloat64.class, 7)) {
      trainer(
              program(graph, 0.05, stepsPerRun),
              Optional.of(directory),
              steps,
              checkpointEvery,
              List.of(slow))
          .train();
    }
  }

  /**
   * Runs {@link #main} in a child JVM ({@code steps} steps into {@code run}, sleeping {@code
   * sleepMillis} after each, {@code stepsPerRun} per call, a checkpoint every {@code
   * checkpointEvery}), kills it once a checkpoint of step {@code atLeast} or later exists, and
   * returns the newest checkpoint's step. The child's output goes to {@code run}'s sibling {@code
   * child.log}.
   */
  public static long trainAndKill(
      Path run, long steps, long sleepMillis, int stepsPerRun, int checkpointEvery, long atLeast)
      throws IOException, InterruptedException {
    Path log = run.resolveSibling("child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TrainingFixture.class.getName(),
                run.toString(),
                "" + steps,
                "" + sleepMillis,
                "" + stepsPerRun,
                "" + checkpointEvery)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    CheckpointStore store = new CheckpointStore(run.resolve("checkpoints"), 3);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    try {
      while (store.latest().map(CheckpointStore.Checkpoint::step).orElse(0L) < atLeast) {
        assertTrue(child.isAlive(), () -> "the child ended early: " + read(log));
        assertTrue(System.nanoTime() < deadline, "no checkpoint within 2 minutes");
        Thread.sleep(20);
      }
    } finally {
      child.destroyForcibly().waitFor();
    }
    return store.latest().orElseThrow().step();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
