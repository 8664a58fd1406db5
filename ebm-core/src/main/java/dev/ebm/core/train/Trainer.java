package dev.ebm.core.train;

import dev.ebm.core.checkpoint.CheckpointState;
import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.distributed.ClusterFailureException;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.Fetched;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.TensorIO;
import dev.ebm.core.run.StopRequest;
import dev.ebm.core.run.StoppedException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.family.TFloating;

/**
 * Runs a {@link TrainingProgram} over batches from a {@link Batcher}: one {@code Session.run} per
 * run of up to K steps ({@link TrainingProgram#stepsPerRun()}), ending early where a checkpoint is
 * due, so that checkpoints hold the state of the step they name; listeners see every step's values
 * after its run. Before the first step it resumes from the newest checkpoint in the run directory
 * when asked (restoring parameters, optimiser state, moving averages, replay buffers, the step
 * counter that keys every random number, and the batch position), so that training in pieces gives
 * the same result as training at once. It knows nothing of the method it runs.
 *
 * @param <T> the model's floating-point type
 */
public final class Trainer<T extends TFloating> {

  private static final System.Logger LOG = System.getLogger(Trainer.class.getName());

  private final TrainingProgram<T> program;
  private final Batcher batcher;
  private final TrainerConfig config;
  private final List<TrainingListener> listeners;
  private final Map<String, String> settings;
  private final List<TrainingStep<T>> steps;
  private final List<String> diagnosticNames;
  private final StopRequest stop;

  /**
   * A trainer of {@code program} on batches of {@code batcher}, reporting to {@code listeners}.
   *
   * @throws IllegalArgumentException if the batcher's batches do not fit the program
   */
  public Trainer(
      TrainingProgram<T> program,
      Batcher batcher,
      TrainerConfig config,
      List<? extends TrainingListener> listeners) {
    if (batcher.batchSize() != program.batchSize()) {
      throw new IllegalArgumentException(
          "the batcher makes batches of "
              + batcher.batchSize()
              + " but the training step was built for "
              + program.batchSize());
    }
    if (!batcher.dataset().sampleShape().equals(program.model().sampleShape())) {
      throw new IllegalArgumentException(
          "the data has samples of shape "
              + batcher.dataset().sampleShape()
              + " but "
              + program.model().name()
              + " expects "
              + program.model().sampleShape());
    }
    this.program = program;
    this.batcher = batcher;
    this.config = config;
    this.listeners = List.copyOf(listeners);
    this.settings = Map.of();
    this.steps = program.steps();
    this.diagnosticNames = program.diagnosticNames();
    this.stop = new StopRequest();
  }

  private Trainer(Trainer<T> base, Map<String, String> settings, StopRequest stop) {
    this.program = base.program;
    this.batcher = base.batcher;
    this.config = base.config;
    this.listeners = base.listeners;
    this.settings = Map.copyOf(settings);
    this.steps = base.steps;
    this.diagnosticNames = base.diagnosticNames;
    this.stop = stop;
  }

  /**
   * This trainer, recording {@code more} in the run's provenance beside what it knows itself (e.g.
   * the model's and method's options with their defaults filled in).
   */
  public Trainer<T> recording(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(more);
    return new Trainer<>(this, all, stop);
  }

  /**
   * This trainer, stopping at the first step boundary after {@code request} asks it to: it writes a
   * checkpoint of that step (with a run directory) and throws {@link StoppedException} saying where
   * it stopped and how to resume.
   */
  public Trainer<T> stoppingWhen(StopRequest request) {
    return new Trainer<>(this, settings, request);
  }

  /**
   * Trains up to {@code config.steps()}.
   *
   * @throws TrainingDivergedException at the first non-finite loss or parameter
   * @throws IOException if checkpoints or listener files cannot be written
   */
  public TrainingSummary train() throws IOException {
    ModelGraph<T> graph = program.graph();
    Optional<CheckpointStore> store =
        config.checkpointDirectory().map(d -> new CheckpointStore(d, config.keepCheckpoints()));
    long first = 0;
    double lastFiniteLoss = Double.NaN;
    Optional<CheckpointStore.Restored> restored =
        config.resume() && store.isPresent()
            ? store.get().restoreNewestIntact(graph)
            : Optional.empty();
    if (restored.isPresent()) {
      CheckpointState state = restored.get().state();
      batcher.restore(new Batcher.State(state.batcherEpoch(), state.batcherBatch()));
      first = state.step();
      lastFiniteLoss = state.lastFiniteLoss();
      long counter = (long) graph.evaluate(program.step())[0];
      if (counter != first) {
        throw new IllegalStateException(
            "checkpoint "
                + restored.get().checkpoint().directory()
                + " says step "
                + first
                + " but holds step counter "
                + counter);
      }
      LOG.log(
          System.Logger.Level.INFO,
          "resumed from {0} at step {1}",
          restored.get().checkpoint().directory(),
          first);
    } else {
      graph.initialize();
    }
    if (first >= config.steps()) {
      return new TrainingSummary(first, first, lastFiniteLoss, 0);
    }
    TrainingRun run =
        new TrainingRun(
            program.describe(),
            first,
            config.steps(),
            config.logEvery(),
            config.runDirectory(),
            provenance());
    DivergenceGuard guard = new DivergenceGuard(store, lastFiniteLoss, first);
    List<TrainingListener> all = new ArrayList<>();
    all.add(guard);
    all.addAll(listeners);
    Optional<Checkpointing> checkpointing =
        store.map(
            s ->
                new Checkpointing(
                    s, graph, batcher, config.checkpointEvery(), guard::lastFiniteLoss));
    checkpointing.ifPresent(all::add);
    try {
      return loop(run, all, first, checkpointing);
    } catch (IOException e) {
      throw new IOException(e.getMessage() + "; " + Interruptions.resumeAdvice(store), e);
    }
  }

  private TrainingSummary loop(
      TrainingRun run,
      List<TrainingListener> all,
      long first,
      Optional<Checkpointing> checkpointing)
      throws IOException {
    for (TrainingListener listener : all) {
      listener.onStart(run);
    }
    int sampleSize = batcher.dataset().sampleSize();
    int batchFloats = program.batchSize() * sampleSize;
    float[] batches = new float[program.stepsPerRun() * batchFloats];
    long start = System.nanoTime();
    StepResult last = null;
    Batcher.State beforeCall = batcher.state();
    boolean inCall = false;
    try {
      long step = first + 1;
      while (step <= config.steps()) {
        int count = (int) Math.min(program.stepsPerRun(), runEnd(step) - step + 1);
        float[] fed = count == program.stepsPerRun() ? batches : new float[count * batchFloats];
        beforeCall = batcher.state();
        for (int k = 0; k < count; k++) {
          batcher.next(fed, k * batchFloats);
        }
        inCall = true;
        Call call = runSteps(run, all, step, count, fed, start);
        inCall = false;
        for (StepResult result : call.results()) {
          last = result;
          for (TrainingListener listener : all) {
            listener.onStep(run, result);
          }
          double[] drawn = call.samples().get(result.step());
          if (drawn != null) {
            long[] shape = steps.get(0).samples().orElseThrow().shape().asArray();
            for (TrainingListener listener : all) {
              if (listener.wantsSamples(run, result.step())) {
                listener.onSamples(run, result.step(), drawn, shape);
              }
            }
          }
        }
        step += count;
        if (stop.requested().isPresent()) {
          stop.throwIfRequested(Interruptions.whereStopped(run, last.step(), checkpointing));
        }
      }
    } catch (ClusterFailureException e) {
      throw Interruptions.afterClusterFailure(
          e,
          batcher,
          checkpointing,
          run,
          inCall && last != null ? Optional.of(last.step()) : Optional.empty(),
          beforeCall);
    } finally {
      for (TrainingListener listener : all) {
        listener.onEnd(run, last);
      }
    }
    return new TrainingSummary(
        first,
        last == null ? first : last.step(),
        last == null ? Double.NaN : last.loss(),
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * The last step of the run that starts at {@code step}: the next step whose state a checkpoint
   * saves, or the last step of training.
   */
  private long runEnd(long step) {
    long end = config.steps();
    int every = config.checkpointEvery();
    if (every > 0 && config.checkpointDirectory().isPresent()) {
      end = Math.min(end, ((step + every - 1) / every) * every);
    }
    return end;
  }

  /**
   * What one session call returned.
   *
   * @param results every step's values, in order
   * @param samples the model samples of the steps some listener asked for, by step
   */
  private record Call(List<StepResult> results, Map<Long, double[]> samples) {}

  /**
   * Runs steps {@code first … first + count − 1} in one session call and collects their values
   * (each step's elapsed time interpolated within the call).
   */
  private Call runSteps(
      TrainingRun run,
      List<TrainingListener> all,
      long first,
      int count,
      float[] fed,
      long trainingStart) {
    List<StepResult> results = new ArrayList<>();
    Map<Long, double[]> samples = new LinkedHashMap<>();
    ModelGraph<T> graph = program.graph();
    List<Operand<?>> fetches = new ArrayList<>();
    List<Long> sampled = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      fetches.add(steps.get(k).report());
    }
    for (int k = 0; k < count; k++) {
      if (samplesWanted(run, all, first + k)) {
        sampled.add(first + k);
        fetches.add(steps.get(k).samples().orElseThrow());
      }
    }
    Shape shape = Shape.of(count).append(batcher.dataset().batchShape(program.batchSize()));
    long callStart = System.nanoTime();
    try (Feeds feeds = Feeds.none().put(program.data(), TensorIO.tensor(graph.type(), shape, fed));
        Fetched result = graph.run(feeds, fetches, List.of(program.trainOp(count)))) {
      long callEnd = System.nanoTime();
      for (int k = 0; k < count; k++) {
        double[] report = result.doubles(k);
        Map<String, Double> values = new LinkedHashMap<>();
        for (int d = 0; d < diagnosticNames.size(); d++) {
          values.put(diagnosticNames.get(d), report[3 + d]);
        }
        results.add(
            new StepResult(
                first + k,
                report[0],
                report[1],
                values,
                report[2] != 0,
                (callStart - trainingStart + (callEnd - callStart) * (k + 1.0) / count) / 1e9));
      }
      for (int s = 0; s < sampled.size(); s++) {
        samples.put(sampled.get(s), result.doubles(count + s));
      }
    }
    return new Call(results, samples);
  }

  private boolean samplesWanted(TrainingRun run, List<TrainingListener> all, long step) {
    if (!program.drawsSamples()) {
      return false;
    }
    for (TrainingListener listener : all) {
      if (listener.wantsSamples(run, step)) {
        return true;
      }
    }
    return false;
  }

  private Map<String, String> provenance() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("method", program.method().name());
    p.put("method_config", String.valueOf(program.method().configuration()));
    p.put("model", program.model().name());
    p.put("model_config", String.valueOf(program.model().configuration()));
    p.put("optimizer", program.config().optimizer().describe());
    p.put("learning_rate_schedule", program.config().schedule().describe());
    p.put(
        "clip_norm",
        program.config().clipNorm().isPresent()
            ? String.valueOf(program.config().clipNorm().getAsDouble())
            : "none");
    p.put(
        "ema_decay",
        program.config().emaDecay().isPresent()
            ? String.valueOf(program.config().emaDecay().getAsDouble())
            : "none");
    p.put("batch_size", String.valueOf(program.batchSize()));
    p.put("seed", String.valueOf(program.graph().seed()));
    p.put("dtype", program.graph().type().getSimpleName());
    p.put("device", program.graph().device().toString());
    p.put("tensorflow", TensorFlow.version());
    p.put("java", System.getProperty("java.version"));
    p.putAll(settings);
    return p;
  }
}
