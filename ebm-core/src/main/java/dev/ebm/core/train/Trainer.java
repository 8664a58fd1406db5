package dev.ebm.core.train;

import dev.ebm.core.checkpoint.CheckpointState;
import dev.ebm.core.checkpoint.CheckpointStore;
import dev.ebm.core.data.Batcher;
import dev.ebm.core.graph.Feeds;
import dev.ebm.core.graph.Fetched;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.TensorIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * Runs a {@link TrainingProgram} over batches from a {@link Batcher}: one {@code Session.run} per
 * step, listeners after each. Before the first step it resumes from the newest checkpoint in the
 * run directory when asked (restoring parameters, optimiser state, moving averages, replay buffers,
 * the step counter that keys every random number, and the batch position), so that training in
 * pieces gives the same result as training at once. It knows nothing of the method it runs.
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
  }

  private Trainer(Trainer<T> base, Map<String, String> settings) {
    this.program = base.program;
    this.batcher = base.batcher;
    this.config = base.config;
    this.listeners = base.listeners;
    this.settings = Map.copyOf(settings);
  }

  /**
   * This trainer, recording {@code more} in the run's provenance beside what it knows itself (e.g.
   * the model's and method's options with their defaults filled in).
   */
  public Trainer<T> recording(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(more);
    return new Trainer<>(this, all);
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
    store.ifPresent(
        s ->
            all.add(
                new Checkpointing(
                    s, graph, batcher, config.checkpointEvery(), guard::lastFiniteLoss)));
    return loop(run, all, first);
  }

  private TrainingSummary loop(TrainingRun run, List<TrainingListener> all, long first)
      throws IOException {
    ModelGraph<T> graph = program.graph();
    for (TrainingListener listener : all) {
      listener.onStart(run);
    }
    List<Operand<?>> fetches = new ArrayList<>();
    fetches.add(program.loss());
    fetches.add(program.gradientNorm());
    fetches.add(program.parametersFinite());
    Map<String, Operand<? extends TNumber>> diagnostics = program.diagnostics();
    fetches.addAll(diagnostics.values());
    int sampleIndex = fetches.size();
    float[] batch = new float[program.batchSize() * batcher.dataset().sampleSize()];
    long start = System.nanoTime();
    StepResult last = null;
    try {
      for (long step = first + 1; step <= config.steps(); step++) {
        batcher.next(batch);
        boolean samplesWanted = samplesWanted(run, all, step);
        List<Operand<?>> stepFetches = fetches;
        if (samplesWanted) {
          stepFetches = new ArrayList<>(fetches);
          stepFetches.add(program.samples().orElseThrow());
        }
        double[] samples = null;
        try (Feeds feeds =
                Feeds.none()
                    .put(
                        program.data(),
                        TensorIO.tensor(
                            graph.type(),
                            batcher.dataset().batchShape(program.batchSize()),
                            batch));
            Fetched result = graph.run(feeds, stepFetches, List.of(program.trainOp()))) {
          Map<String, Double> values = new LinkedHashMap<>();
          int k = 3;
          for (String name : diagnostics.keySet()) {
            values.put(name, result.scalar(k++));
          }
          last =
              new StepResult(
                  step,
                  result.scalar(0),
                  result.scalar(1),
                  values,
                  result.scalar(2) != 0,
                  (System.nanoTime() - start) / 1e9);
          if (samplesWanted) {
            samples = result.doubles(sampleIndex);
          }
        }
        for (TrainingListener listener : all) {
          listener.onStep(run, last);
        }
        if (samples != null) {
          long[] shape = program.samples().orElseThrow().shape().asArray();
          for (TrainingListener listener : all) {
            if (listener.wantsSamples(run, step)) {
              listener.onSamples(run, step, samples, shape);
            }
          }
        }
      }
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

  private boolean samplesWanted(TrainingRun run, List<TrainingListener> all, long step) {
    if (program.samples().isEmpty()) {
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
