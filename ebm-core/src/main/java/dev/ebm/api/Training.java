package dev.ebm.api;

import dev.ebm.core.config.InvalidSettingException;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.distributed.ClusterSpec;
import dev.ebm.core.distributed.ClusterTimeouts;
import dev.ebm.core.graph.Device;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.run.RunSettings;
import dev.ebm.core.run.StopRequest;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.tensorflow.ndarray.Shape;

/**
 * A configured training run, immutable and reusable (Tribuo's trainer, Keras' {@code compile}):
 * data, model and method, optimiser and learning-rate schedule, steps, batch, moving average,
 * clipping, seed, steps per session call, device or cluster, listeners, and optionally a run
 * directory for checkpoints, metrics and resumption. {@link #run()} trains and returns the {@link
 * TrainedEnergy}; {@link #prepare()} builds everything first, so that a caller can show what will
 * run before it does.
 *
 * <pre>{@code
 * Training training = Training.on(TrainingData.toy("8gaussians")).method("dsm").steps(2000).build();
 * try (TrainedEnergy energy = training.run()) { ... }
 * }</pre>
 *
 * <p>Every setting is validated when the training is built; a bad one throws {@link
 * InvalidSettingException} naming it. Defaults are the constants below, which the command line
 * shows as its own.
 */
public final class Training {

  /** The default model. */
  public static final String DEFAULT_MODEL = "mlp";

  /** The default training method. */
  public static final String DEFAULT_METHOD = "dsm";

  /** The default number of steps: enough for every method on 2-D data of any scale. */
  public static final long DEFAULT_STEPS = 10_000;

  /**
   * The batch size of a method that recommends none of its own ({@link
   * TrainingMethod#defaultBatch()}).
   */
  public static final int DEFAULT_BATCH = TrainingMethod.DEFAULT_BATCH;

  /**
   * The learning rate of a method that recommends none of its own ({@link
   * TrainingMethod#defaultLearningRate()}).
   */
  public static final double DEFAULT_LEARNING_RATE = TrainingMethod.DEFAULT_LEARNING_RATE;

  /** The default decay of the parameters' moving average. */
  public static final double DEFAULT_EMA = 0.999;

  /** The default interval of log lines, metrics and TensorBoard scalars. */
  public static final int DEFAULT_LOG_EVERY = 100;

  /** The default interval of checkpoints (with a run directory). */
  public static final int DEFAULT_CHECKPOINT_EVERY = 1000;

  /** How many checkpoints a run directory keeps. */
  public static final int KEEP_CHECKPOINTS = 3;

  /** How long a cluster's tasks get to accept a connection. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The update rule. */
  public enum Optimizer {
    /** Adam with PyTorch's β and ε. */
    ADAM,
    /** Plain stochastic gradient descent. */
    SGD;

    /** The name a run's settings record. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The optimiser of that name.
     *
     * @throws InvalidSettingException for another name
     */
    public static Optimizer parse(String name) {
      for (Optimizer o : values()) {
        if (o.key().equals(name)) {
          return o;
        }
      }
      throw new InvalidSettingException("optimizer", "'" + name + "' is not adam or sgd");
    }
  }

  private final Builder settings;

  private Training(Builder settings) {
    this.settings = settings.copy();
  }

  /** A training on {@code data}, every other setting at its default. */
  public static Builder on(TrainingData data) {
    return new Builder(data);
  }

  /**
   * A training with a run's recorded settings (e.g. read from its {@code run.json}); steps,
   * listeners, run directory and the other settings that a run's file does not hold take their
   * defaults.
   */
  public static Builder from(RunSettings recorded) {
    return on(TrainingData.parse(recorded.data()))
        .model(recorded.model())
        .method(recorded.method())
        .batch(recorded.batch())
        .optimizer(Optimizer.parse(recorded.optimizer()), recorded.learningRate())
        .ema(recorded.ema())
        .clipNorm(recorded.clipNorm())
        .seed(recorded.seed())
        .standardize(recorded.standardize())
        .learningRateDecay(recorded.lrDecaySteps());
  }

  /** A builder holding these settings, to derive a variant. */
  public Builder toBuilder() {
    return settings.copy();
  }

  /**
   * Builds the run's graph, model, method and training step, ready to run; nothing is written yet.
   * The caller closes it (or runs it, then closes it).
   *
   * @throws IllegalArgumentException if the data, model or method cannot be loaded or do not go
   *     together, or the run directory holds a different run
   * @throws IOException if the data cannot be read
   */
  public PreparedTraining prepare() throws IOException {
    return PreparedTraining.of(this);
  }

  /**
   * Trains (resuming the run directory's run, if it holds this one) and returns the trained energy,
   * read from the parameters at the last step (their moving average, if kept).
   *
   * @throws dev.ebm.core.train.TrainingDivergedException at the first non-finite loss or parameter
   * @throws IOException if the data cannot be read or the run directory cannot be written
   */
  public TrainedEnergy run() throws IOException {
    try (PreparedTraining prepared = prepare()) {
      return prepared.run();
    }
  }

  /**
   * What a run directory's {@code run.json} records of these settings, with {@code standardize},
   * {@code learningRate} and {@code batch} resolved (see {@link Builder#standardize}, {@link
   * Builder#learningRate}, {@link Builder#batch}).
   */
  RunSettings recorded(boolean standardize, double learningRate, int batch) {
    return new RunSettings(
        settings.data.spec(),
        settings.modelSpec(),
        settings.methodSpec(),
        batch,
        settings.optimizer.key(),
        learningRate,
        settings.ema,
        settings.clipNorm,
        settings.seed,
        standardize,
        settings.lrDecaySteps);
  }

  /**
   * The (starting) learning rate, if set; else the method's own default ({@link
   * TrainingMethod#defaultLearningRate()}), or a resumed run's recorded rate.
   */
  public OptionalDouble learningRate() {
    return settings.learningRate;
  }

  /**
   * The batch size, if set; else the method's own default ({@link TrainingMethod#defaultBatch()}),
   * or a resumed run's recorded size.
   */
  public OptionalInt batch() {
    return settings.batch;
  }

  /** Whether the model trains on standardised data, if set; else the default decides. */
  public Optional<Boolean> standardize() {
    return settings.standardize;
  }

  /**
   * Whether a training that leaves standardisation unset standardises data of samples {@code
   * sampleShape} and these statistics: vectors far from unit scale do ({@link
   * Standardization#farFromUnitScale}); vectors near it train as they are, and images keep their
   * pixel convention.
   */
  static boolean standardizesByDefault(Shape sampleShape, DataStatistics statistics) {
    return sampleShape.numDimensions() == 1 && Standardization.farFromUnitScale(statistics);
  }

  /** The training data. */
  public TrainingData data() {
    return settings.data;
  }

  Optional<EnergyModel> modelInstance() {
    return settings.modelInstance;
  }

  Optional<TrainingMethod> methodInstance() {
    return settings.methodInstance;
  }

  /** The training method: the instance given, or one made from its spec. */
  TrainingMethod method() {
    return settings.methodInstance.orElseGet(
        () -> {
          Options options = Options.parseSpec(settings.methodSpec());
          return TrainingMethodProvider.byName(options.owner()).create(options);
        });
  }

  /** The total number of steps (a resumed run continues up to it). */
  public long steps() {
    return settings.steps;
  }

  /** The steps per session call. */
  public StepsPerRun stepsPerRun() {
    return settings.stepsPerRun;
  }

  /** The seed of data, initialisation and every random draw. */
  public long seed() {
    return settings.seed;
  }

  /** The device the step runs on. */
  public Device device() {
    return settings.device;
  }

  /** The cluster the step runs on, data-parallel, if any. */
  public Optional<ClusterSpec> cluster() {
    return settings.cluster;
  }

  /** How long a run on a cluster waits for a session call and for a silent task. */
  public ClusterTimeouts clusterTimeouts() {
    return settings.clusterTimeouts;
  }

  /** The replicas a step is split into on the device, off a cluster (1: none). */
  public int replicas() {
    return settings.replicas;
  }

  /** The run directory, if training writes one. */
  public Optional<Path> runDirectory() {
    return settings.runDirectory;
  }

  /** The log interval. */
  public int logEvery() {
    return settings.logEvery;
  }

  /** The checkpoint interval (with a run directory). */
  public int checkpointEvery() {
    return settings.checkpointEvery;
  }

  /** What asks training to stop at its next step boundary. */
  public StopRequest stopRequest() {
    return settings.stop;
  }

  /** The listeners that observe training. */
  public List<TrainingListener> listeners() {
    return List.copyOf(settings.listeners);
  }

  /** The learning-rate decay's length in steps, if the rate decays. */
  public OptionalLong learningRateDecay() {
    return settings.lrDecaySteps > 0
        ? OptionalLong.of(settings.lrDecaySteps)
        : OptionalLong.empty();
  }

  /** The moving average's decay, if kept. */
  public OptionalDouble ema() {
    return settings.ema > 0 ? OptionalDouble.of(settings.ema) : OptionalDouble.empty();
  }

  /**
   * Sets up a {@link Training}: every setter validates its value at once, {@link #build()} the
   * settings together. Not thread-safe; the built training is immutable.
   */
  public static final class Builder {

    private TrainingData data;
    private String model = DEFAULT_MODEL;
    private Optional<EnergyModel> modelInstance = Optional.empty();
    private String method = DEFAULT_METHOD;
    private Optional<TrainingMethod> methodInstance = Optional.empty();
    private Optimizer optimizer = Optimizer.ADAM;
    private OptionalDouble learningRate = OptionalDouble.empty();
    private double ema = DEFAULT_EMA;
    private double clipNorm;
    private long lrDecaySteps;
    private long seed;
    private Optional<Boolean> standardize = Optional.empty();
    private long steps = DEFAULT_STEPS;
    private OptionalInt batch = OptionalInt.empty();
    private StepsPerRun stepsPerRun = StepsPerRun.auto();
    private Device device = Device.cpu();
    private Optional<ClusterSpec> cluster = Optional.empty();
    private ClusterTimeouts clusterTimeouts = ClusterTimeouts.defaults();
    private int replicas = 1;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private Optional<Path> runDirectory = Optional.empty();
    private int logEvery = DEFAULT_LOG_EVERY;
    private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
    private StopRequest stop = new StopRequest();

    private Builder(TrainingData data) {
      data(data);
    }

    private Builder copy() {
      Builder b = new Builder(data);
      b.model = model;
      b.modelInstance = modelInstance;
      b.method = method;
      b.methodInstance = methodInstance;
      b.optimizer = optimizer;
      b.learningRate = learningRate;
      b.ema = ema;
      b.clipNorm = clipNorm;
      b.lrDecaySteps = lrDecaySteps;
      b.seed = seed;
      b.standardize = standardize;
      b.steps = steps;
      b.batch = batch;
      b.stepsPerRun = stepsPerRun;
      b.device = device;
      b.cluster = cluster;
      b.clusterTimeouts = clusterTimeouts;
      b.replicas = replicas;
      b.listeners.addAll(listeners);
      b.runDirectory = runDirectory;
      b.logEvery = logEvery;
      b.checkpointEvery = checkpointEvery;
      b.stop = stop;
      return b;
    }

    /** The training data. */
    public Builder data(TrainingData value) {
      if (value == null) {
        throw new InvalidSettingException("data", "must be given");
      }
      this.data = value;
      return this;
    }

    /**
     * The model by name with its options, {@code name[:key=value,…]} (e.g. {@code
     * mlp:hidden=64,activation=swish}); see {@link EnergyModelProvider#all()}. Default {@value
     * #DEFAULT_MODEL}.
     *
     * @throws IllegalArgumentException listing the models, for an unknown name
     */
    public Builder model(String spec) {
      EnergyModelProvider.byName(Options.parseSpec(spec).owner());
      this.model = spec;
      this.modelInstance = Optional.empty();
      return this;
    }

    /**
     * A model built in Java. A run directory records its name; reading the run back later (not
     * resuming it here) needs a provider of that name on the class path.
     */
    public Builder model(EnergyModel instance) {
      if (instance == null) {
        throw new InvalidSettingException("model", "must not be null");
      }
      this.model = instance.name();
      this.modelInstance = Optional.of(instance);
      return this;
    }

    /**
     * The training method by name with its options, {@code name[:key=value,…]} (e.g. {@code
     * dsm:sigma=0.1}); see {@link TrainingMethodProvider#all()}. Default {@value #DEFAULT_METHOD}.
     *
     * @throws IllegalArgumentException listing the methods, for an unknown name; for a bad option
     */
    public Builder method(String spec) {
      Options options = Options.parseSpec(spec);
      TrainingMethodProvider.byName(options.owner()).create(options);
      this.method = spec;
      this.methodInstance = Optional.empty();
      return this;
    }

    /** A training method built in Java (a run directory records its name, as for a model). */
    public Builder method(TrainingMethod instance) {
      if (instance == null) {
        throw new InvalidSettingException("method", "must not be null");
      }
      this.method = instance.name();
      this.methodInstance = Optional.of(instance);
      return this;
    }

    /** The optimiser and its (starting) learning rate. */
    public Builder optimizer(Optimizer rule, double rate) {
      return optimizer(rule).learningRate(rate);
    }

    /** The optimiser. Default Adam. */
    public Builder optimizer(Optimizer rule) {
      if (rule == null) {
        throw new InvalidSettingException("optimizer", "must be adam or sgd");
      }
      this.optimizer = rule;
      return this;
    }

    /**
     * The (starting) learning rate. Unset, the method's own default applies ({@link
     * TrainingMethod#defaultLearningRate()}: {@value #DEFAULT_LEARNING_RATE} unless the method
     * measured better at another, e.g. {@code dsm}), and a resumed run keeps its recorded rate.
     */
    public Builder learningRate(double rate) {
      if (!(rate > 0) || Double.isInfinite(rate)) {
        throw new InvalidSettingException(
            "learningRate", "must be positive and finite, got " + rate);
      }
      this.learningRate = OptionalDouble.of(rate);
      return this;
    }

    /**
     * The learning rate falls to 0 over {@code steps} steps along a half cosine, {@code lr·½(1 +
     * cos(π·t/N))}, then stays 0; 0 keeps it constant (the default).
     */
    public Builder learningRateDecay(long decaySteps) {
      if (decaySteps < 0) {
        throw new InvalidSettingException(
            "lrDecaySteps", "must be 0 (constant) or a number of steps, got " + decaySteps);
      }
      this.lrDecaySteps = decaySteps;
      return this;
    }

    /**
     * The decay d of the parameters' moving average {@code θ̄ ← d·θ̄ + (1−d)·θ}, which sampling and
     * export use; 0 keeps none. Default {@value #DEFAULT_EMA}.
     */
    public Builder ema(double decay) {
      if (!(decay >= 0 && decay < 1)) {
        throw new InvalidSettingException(
            "ema", "must lie in [0, 1) (0 for no moving average), got " + decay);
      }
      this.ema = decay;
      return this;
    }

    /** Clips the global gradient norm at {@code c}; 0 for no clipping (the default). */
    public Builder clipNorm(double c) {
      if (!(c >= 0) || Double.isInfinite(c)) {
        throw new InvalidSettingException(
            "clipNorm", "must be 0 (no clipping) or a positive norm, got " + c);
      }
      this.clipNorm = c;
      return this;
    }

    /** The seed of data, initialisation and every random draw. Default 0. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /**
     * Whether the model trains on the data standardised to zero mean per coordinate and the
     * standard deviation its model asks for ({@link
     * dev.ebm.core.model.EnergyModel#standardizedScale()}: 4 for an MLP, 1 otherwise; {@link
     * dev.ebm.core.data.Standardization}); samples, scores, log densities (with the map's
     * log-determinant) and exports stay in the data's own units; the default chains run in the
     * standardised coordinates the model trained in. Default: on for vectors far from unit scale
     * ({@link Standardization#farFromUnitScale}: means beyond ±10, scales outside 0.1–10 or 10×
     * apart), off for vectors near it (where the models learned better raw) and for images, which
     * keep their pixel convention. A resumed run keeps what it was trained with.
     */
    public Builder standardize(boolean on) {
      this.standardize = Optional.of(on);
      return this;
    }

    /** The total number of steps. Default {@value #DEFAULT_STEPS}. */
    public Builder steps(long total) {
      if (total < 1) {
        throw new InvalidSettingException("steps", "must be at least 1, got " + total);
      }
      this.steps = total;
      return this;
    }

    /**
     * The batch size. Default: the method's own ({@link TrainingMethod#defaultBatch()}: {@value
     * #DEFAULT_BATCH} unless the method measured better at another), or a resumed run's recorded
     * size.
     */
    public Builder batch(int size) {
      if (size < 1) {
        throw new InvalidSettingException("batch", "must be at least 1, got " + size);
      }
      this.batch = OptionalInt.of(size);
      return this;
    }

    /** Training steps per session call; changes the speed, never the result. Default auto. */
    public Builder stepsPerRun(StepsPerRun value) {
      if (value == null) {
        throw new InvalidSettingException(
            "stepsPerRun", "must not be null; use StepsPerRun.auto()");
      }
      this.stepsPerRun = value;
      return this;
    }

    /** The device: {@link Device#cpu()} (the default) or a GPU. */
    public Builder device(Device value) {
      if (value == null) {
        throw new InvalidSettingException("device", "must not be null; use Device.cpu()");
      }
      this.device = value;
      return this;
    }

    /**
     * Trains data-parallel on this TensorFlow cluster: one replica of the step per worker task, on
     * an equal share of the batch (each task's server must be running).
     */
    public Builder cluster(ClusterSpec value) {
      this.cluster = Optional.of(value);
      return this;
    }

    /**
     * Splits each step into {@code n} replicas on the device, each on an equal share of the batch
     * with one intra-op thread, run side by side by {@code n} inter-op threads: the cores shared by
     * replicas rather than by each small product. A stateless method (score matching, NCE) steps
     * exactly as with one replica; a method with chains keeps one replay buffer or set of
     * persistent chains per replica, as on a cluster. Off a cluster only; default 1.
     */
    public Builder replicas(int n) {
      if (n < 1) {
        throw new InvalidSettingException("replicas", "must be at least 1, got " + n);
      }
      this.replicas = n;
      return this;
    }

    /**
     * On a cluster, the longest one session call may take: a call that outlives it stops the run
     * with an error naming the tasks that do not answer. The first call of each kind, which also
     * sets the graph up on the tasks, gets at least {@value ClusterTimeouts#SETUP_TIMEOUT_SECONDS}
     * s. Default {@value ClusterTimeouts#DEFAULT_CALL_TIMEOUT_SECONDS} s.
     */
    public Builder callTimeout(Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new InvalidSettingException(
            "callTimeout", "must be a positive number of seconds, got " + seconds(value));
      }
      this.clusterTimeouts = new ClusterTimeouts(value, clusterTimeouts.heartbeatTimeout());
      return this;
    }

    /**
     * On a cluster, how long a task may leave the run's heartbeat unanswered before the run stops
     * with an error naming it, even in the middle of a session call. Default {@value
     * ClusterTimeouts#DEFAULT_HEARTBEAT_TIMEOUT_SECONDS} s.
     */
    public Builder heartbeatTimeout(Duration value) {
      if (value == null || value.compareTo(ClusterTimeouts.MIN_HEARTBEAT_TIMEOUT) < 0) {
        throw new InvalidSettingException(
            "heartbeatTimeout",
            "must be at least "
                + seconds(ClusterTimeouts.MIN_HEARTBEAT_TIMEOUT)
                + " seconds, got "
                + seconds(value));
      }
      this.clusterTimeouts = new ClusterTimeouts(clusterTimeouts.callTimeout(), value);
      return this;
    }

    private static String seconds(Duration value) {
      return value == null ? "none" : String.valueOf(value.toMillis() / 1000.0);
    }

    /** Adds listeners (progress, metrics, TensorBoard, your own) that observe every step. */
    public Builder listeners(List<? extends TrainingListener> more) {
      this.listeners.addAll(more);
      return this;
    }

    /** Adds a listener. */
    public Builder listener(TrainingListener listener) {
      return listeners(List.of(listener));
    }

    /**
     * Writes checkpoints, metrics and the run's settings into {@code directory}, and resumes the
     * run it holds (which must have the same settings). Without one, training stays in memory.
     */
    public Builder runDirectory(Path directory) {
      this.runDirectory = Optional.of(directory);
      return this;
    }

    /**
     * Stops training at the first step boundary after {@code request} asks: a checkpoint of that
     * step is written (with a run directory) and {@link dev.ebm.core.run.StoppedException} says
     * where it stopped. The command line asks on SIGTERM, SIGINT and SIGHUP.
     */
    public Builder stopWhen(StopRequest request) {
      if (request == null) {
        throw new InvalidSettingException("stopRequest", "must not be null");
      }
      this.stop = request;
      return this;
    }

    /** Steps between log lines and metrics. Default {@value #DEFAULT_LOG_EVERY}. */
    public Builder logEvery(int every) {
      if (every < 1) {
        throw new InvalidSettingException("logEvery", "must be at least 1, got " + every);
      }
      this.logEvery = every;
      return this;
    }

    /**
     * Steps between checkpoints; 0 checkpoints only at the end. Default {@value
     * #DEFAULT_CHECKPOINT_EVERY}.
     */
    public Builder checkpointEvery(int every) {
      if (every < 0) {
        throw new InvalidSettingException("checkpointEvery", "must be 0 or more, got " + every);
      }
      this.checkpointEvery = every;
      return this;
    }

    /**
     * The training these settings make.
     *
     * <p>Settings that depend on the data (the model's options, its pairing with the method, the
     * batch's split over a cluster's workers) are checked by {@link Training#prepare()}.
     */
    public Training build() {
      return new Training(this);
    }

    String modelSpec() {
      return model;
    }

    String methodSpec() {
      return method;
    }
  }
}
