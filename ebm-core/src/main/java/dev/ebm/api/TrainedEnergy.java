package dev.ebm.api;

import dev.ebm.core.config.InvalidSettingException;
import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Rows;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.data.toy.ToyDensity;
import dev.ebm.core.evaluation.GraphAis;
import dev.ebm.core.evaluation.GridNormalization;
import dev.ebm.core.export.SavedModelExport;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import dev.ebm.core.model.StandardizedEnergy;
import dev.ebm.core.run.Composition;
import dev.ebm.core.run.RunSettings;
import dev.ebm.core.sampling.AnnealedLangevinSampler;
import dev.ebm.core.sampling.LangevinStep;
import dev.ebm.core.sampling.NoiseSchedule;
import dev.ebm.core.sampling.Sampler;
import dev.ebm.core.train.TrainingSummary;
import dev.ebm.core.trained.DefaultSampling;
import dev.ebm.core.trained.EnergyFunction;
import dev.ebm.core.trained.GraphEnergyFunction;
import dev.ebm.core.trained.SavedEnergyFunction;
import dev.ebm.core.trained.TrainedModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A trained energy {@code E_θ(x)}, {@code p_θ(x) ∝ exp(−E_θ(x))}, immutable and independent of the
 * graph it was trained in: what {@link Training#run()} returns and {@link #load} reads from a run
 * directory, a composition of runs or an exported SavedModel. It evaluates energies, scores {@code
 * s(x) = −∇ₓE(x)} and, where {@code log Z} is known (learned by NCE, or by quadrature in up to
 * three dimensions), log densities {@code log p(x) = −E(x) − log Z}; draws samples with any
 * sampler; measures itself ({@link Evaluation}); exports a SavedModel; and says where it comes from
 * ({@link #provenance()}).
 *
 * <p>Points are rows: {@code double[n][d]}, each a sample flattened ({@code d} = the sample shape's
 * size). A noise-conditional energy is evaluated at its own noise level unless one is given. It
 * holds a small graph of its own: close it.
 */
public final class TrainedEnergy implements AutoCloseable {

  private final Optional<TrainedModel> model;
  private final EnergyFunction function;
  private final Optional<RunSettings> settings;
  private final Optional<TrainingMethod> method;
  private final Optional<TrainingData> data;
  private final Optional<TrainingSummary> training;
  private final String source;

  private TrainedEnergy(
      Optional<TrainedModel> model,
      EnergyFunction function,
      Optional<RunSettings> settings,
      Optional<TrainingMethod> method,
      Optional<TrainingData> data,
      Optional<TrainingSummary> training,
      String source) {
    this.model = model;
    this.function = function;
    this.settings = settings;
    this.method = method;
    this.data = data;
    this.training = training;
    this.source = source;
  }

  private static TrainedEnergy ofModel(
      TrainedModel model,
      Optional<RunSettings> settings,
      Optional<TrainingMethod> method,
      Optional<TrainingData> data,
      Optional<TrainingSummary> training,
      String source) {
    return new TrainedEnergy(
        Optional.of(model),
        new GraphEnergyFunction(model, source),
        settings,
        method,
        data,
        training,
        source);
  }

  /** The energy a training in this process ended with. */
  static TrainedEnergy trained(
      TrainedModel model,
      RunSettings settings,
      TrainingMethod method,
      TrainingData data,
      String source,
      TrainingSummary summary) {
    return ofModel(
        model,
        Optional.of(settings),
        Optional.of(method),
        Optional.of(data),
        Optional.of(summary),
        source);
  }

  /**
   * Reads the trained energy in {@code directory}: a training run (its newest intact checkpoint,
   * the moving average where the run kept one), a composition of runs (their product of experts),
   * or an exported SavedModel.
   *
   * @throws IllegalArgumentException if the directory holds none of them, or a run no checkpoint
   * @throws IllegalStateException if a file in it is damaged or of a newer format
   */
  public static TrainedEnergy load(Path directory) throws IOException {
    if (Files.exists(Composition.fileIn(directory))) {
      return loadComposition(directory);
    }
    if (!RunSettings.existsIn(directory) && Files.exists(directory.resolve("saved_model.pb"))) {
      return loadSavedModel(directory);
    }
    RunReader run = RunReader.read(directory);
    return ofModel(
        run.model(),
        Optional.of(run.settings()),
        Optional.of(run.method()),
        run.data(),
        Optional.empty(),
        directory.toString());
  }

  /**
   * Reads an exported SavedModel: energies, scores and, when it has a {@code log_density}
   * signature, log densities; sampled with Langevin or annealed Langevin from a given start range.
   *
   * @throws IllegalArgumentException if it is not an ebm export
   */
  public static TrainedEnergy loadSavedModel(Path directory) {
    return new TrainedEnergy(
        Optional.empty(),
        new SavedEnergyFunction(directory),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "SavedModel " + directory);
  }

  private static TrainedEnergy loadComposition(Path directory) throws IOException {
    return load(Composition.load(directory), directory);
  }

  /**
   * The product of experts a composition describes, its members' run directories resolved against
   * {@code directory} (where it is, or will be, saved).
   *
   * @throws IllegalArgumentException if a member is missing, has no checkpoint, or is itself a
   *     composition, or the members' samples differ in shape
   */
  public static TrainedEnergy load(Composition composition, Path directory) throws IOException {
    List<TrainedModel> models = new ArrayList<>();
    for (Path run : composition.runDirectories(directory)) {
      models.add(RunReader.read(run).model());
    }
    return ofModel(
        TrainedModel.product(models, composition.weights()),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        directory.toString());
  }

  /**
   * The product of experts {@code E = Σ wᵢEᵢ} of trained energies (Hinton 2002), its density {@code
   * ∝ Πᵢ pᵢ^{wᵢ}}; their statistics pooled, a learned {@code log Z} not carried over.
   *
   * @throws IllegalArgumentException for a SavedModel (its parameters cannot be frozen into another
   *     graph), or without one positive weight per energy
   */
  public static TrainedEnergy product(List<TrainedEnergy> experts, List<Double> weights) {
    List<TrainedModel> models = new ArrayList<>();
    for (TrainedEnergy expert : experts) {
      models.add(expert.requireModel("a product of experts"));
    }
    return ofModel(
        TrainedModel.product(models, weights),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        "product of " + experts.stream().map(TrainedEnergy::describe).toList());
  }

  /** The shape of one sample. */
  public Shape sampleShape() {
    return function.sampleShape();
  }

  /** The number of values in one sample, {@code d}. */
  public int sampleSize() {
    return function.sampleSize();
  }

  /** Whether the energy takes a noise level σ beside each point. */
  public boolean isNoiseConditional() {
    return function.isNoiseConditional();
  }

  /** The noise level a noise-conditional model is read at by default; empty otherwise. */
  public OptionalDouble defaultNoiseLevel() {
    return model.isPresent() && model.get().model() instanceof NoiseConditionalEnergyModel c
        ? OptionalDouble.of(c.defaultSigma())
        : OptionalDouble.empty();
  }

  /** {@code E(xᵢ)} for each point (at the default noise level, if noise-conditional). */
  public double[] energy(double[][] points) {
    return energies(points, OptionalDouble.empty());
  }

  /** {@code E(xᵢ, σ)} for each point of a noise-conditional energy. */
  public double[] energy(double[][] points, double sigma) {
    return energies(points, OptionalDouble.of(sigma));
  }

  /** The score {@code s(xᵢ) = −∇ₓE(xᵢ)} of each point. */
  public double[][] score(double[][] points) {
    return scores(points, OptionalDouble.empty());
  }

  /** The score {@code −∇ₓE(xᵢ, σ)} of each point of a noise-conditional energy. */
  public double[][] score(double[][] points, double sigma) {
    return scores(points, OptionalDouble.of(sigma));
  }

  /**
   * {@code log p(xᵢ) = −E(xᵢ) − log Z} for each point.
   *
   * @throws IllegalStateException if {@code log Z} is not known ({@link #logPartition()})
   */
  public double[] logDensity(double[][] points) {
    LogPartition logZ =
        logPartition()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "log Z of "
                            + describe()
                            + " is not known: it was not learned and the energy has more than "
                            + GridNormalization.MAX_DIMENSION
                            + " dimensions; estimate it with annealedLogPartition"));
    double[] e = energy(points);
    for (int i = 0; i < e.length; i++) {
      e[i] = -e[i] - logZ.value();
    }
    return e;
  }

  /**
   * {@code log Z} at the default noise level: the one training learned (NCE's {@code c}, a
   * SavedModel's {@code log_density}), else for up to three dimensions a quadrature on a grid over
   * the data; empty otherwise.
   */
  public Optional<LogPartition> logPartition() {
    return logPartitionAt(OptionalDouble.empty());
  }

  /** {@code log Z} at noise level {@code sigma} of a noise-conditional energy. */
  public Optional<LogPartition> logPartition(double sigma) {
    return logPartitionAt(OptionalDouble.of(sigma));
  }

  private Optional<LogPartition> logPartitionAt(OptionalDouble sigma) {
    if (function.logPartition().isPresent()) {
      return Optional.of(
          new LogPartition(function.logPartition().getAsDouble(), true, "learned in training"));
    }
    Optional<GridNormalization> grid = normalizationGrid();
    if (grid.isEmpty()) {
      return Optional.empty();
    }
    double logZ = grid.get().logPartition(function, noiseLevel(sigma));
    return Optional.of(
        new LogPartition(logZ, false, "by quadrature on a " + grid.get().describe()));
  }

  /**
   * {@code log Z} by forward annealed importance sampling in any dimension, with its standard
   * error: a stochastic lower bound ({@link GraphAis}).
   */
  public GraphAis.Result annealedLogPartition(int chains, int levels, long seed) {
    return new GraphAis(chains, levels)
        .estimate(requireModel("annealed importance sampling"), seed);
  }

  /**
   * The grid on which {@code log Z}, KL and total variation are computed: over the training data's
   * range, widened to a toy density's support; empty above three dimensions or for a SavedModel.
   */
  public Optional<GridNormalization> normalizationGrid() {
    if (model.isEmpty() || sampleSize() > GridNormalization.MAX_DIMENSION) {
      return Optional.empty();
    }
    return Optional.of(GridNormalization.forTrainingData(model.get().statistics(), toyDensity()));
  }

  /**
   * The map {@code z = (x − μ)/s} of the data the model trained on, if it trained on standardised
   * data; its energy, scores, log densities and samples are in the data's units all the same.
   */
  public Optional<Standardization> standardization() {
    return model
        .map(TrainedModel::model)
        .filter(StandardizedEnergy.class::isInstance)
        .map(m -> ((StandardizedEnergy) m).standardization());
  }

  /**
   * This energy in the standardised coordinates it trained in ({@link
   * TrainedModel#inTrainingUnits}), where its default and annealed chains run; empty if it trained
   * on the data as it is.
   */
  Optional<TrainedEnergy> inTrainingUnits() {
    return model
        .flatMap(TrainedModel::inTrainingUnits)
        .map(m -> ofModel(m, settings, method, data, training, source));
  }

  /** Draws samples as {@code sampling} asks. */
  public Samples sample(Sampling sampling) {
    return SampleRun.draw(this, sampling);
  }

  /**
   * The annealed Langevin sampler of the method this energy was trained with, if it has one; else
   * NCSN's image settings (10 levels from 1 to 0.01, T = 100, ε = 2e-5).
   */
  public AnnealedLangevinSampler annealedSampler() {
    return ownSampler()
        .filter(AnnealedLangevinSampler.class::isInstance)
        .map(AnnealedLangevinSampler.class::cast)
        .orElseGet(() -> AnnealedLangevinSampler.ncsnImageDefaults(NoiseSchedule.ncsnDefault()));
  }

  /**
   * The sampler the training method names for this energy ({@link TrainingMethod#defaultSampler}),
   * if it names one; fitted to the standardised data where the model trained on it (its chains run
   * there).
   */
  public Optional<Sampler> ownSampler() {
    return chainStatistics().flatMap(s -> method.flatMap(m -> m.defaultSampler(s)));
  }

  /**
   * The statistics of the training data in the coordinates the default and annealed chains run in:
   * the standardised ones where the model trained on standardised data.
   */
  private Optional<DataStatistics> chainStatistics() {
    return model.map(m -> m.inTrainingUnits().orElse(m).statistics());
  }

  /** Langevin's step fitted to the training data ({@code ε = 0.1·s}, τ = 1), if it is known. */
  public Optional<LangevinStep> fittedLangevinStep() {
    return dataStatistics().map(DefaultSampling::langevinStep);
  }

  /** Measures this energy as {@code evaluation} asks. */
  public Measurements evaluate(Evaluation evaluation) throws IOException {
    return EvaluationRun.measure(this, evaluation);
  }

  /**
   * Exports a SavedModel with signatures {@code energy}, {@code score}, {@code serving_default}
   * and, where {@code log Z} was learned, {@code log_density}; the directory must not exist.
   */
  public void export(Path directory) throws IOException {
    export(directory, false);
  }

  /** Exports a SavedModel, replacing an existing directory if {@code overwrite}. */
  public void export(Path directory, boolean overwrite) throws IOException {
    TrainedModel trained = requireModel("export");
    SavedModelExport.export(
        trained.model(),
        trained.parameters(),
        trained.logPartition(),
        directory,
        TFloat32.class,
        overwrite);
  }

  /** Where this energy comes from. */
  public Provenance provenance() {
    return new Provenance(
        source,
        model.map(m -> OptionalLong.of(m.step())).orElse(OptionalLong.empty()),
        settings,
        training);
  }

  /** The model, its parameter values and data statistics; empty for a SavedModel. */
  public Optional<TrainedModel> model() {
    return model;
  }

  /** The statistics of the training data, in its own units; empty for a SavedModel. */
  public Optional<DataStatistics> dataStatistics() {
    return model.map(TrainedModel::statistics);
  }

  /** The toy density the energy was trained on, if it was. */
  public Optional<ToyDensity> toyDensity() {
    return data.flatMap(TrainingData::toyDensity);
  }

  /** Where one line says where this energy comes from. */
  public String describe() {
    return source;
  }

  Optional<TrainingData> trainingData() {
    return data;
  }

  EnergyFunction function() {
    return function;
  }

  TrainedModel requireModel(String what) {
    return model.orElseThrow(
        () ->
            new IllegalArgumentException(
                what
                    + " needs the trained model, which "
                    + describe()
                    + " does not hold; use the run it was exported from"));
  }

  /** The noise level to evaluate at: {@code given}, else the default; none for a plain energy. */
  OptionalDouble noiseLevel(OptionalDouble given) {
    if (!isNoiseConditional()) {
      return OptionalDouble.empty();
    }
    if (given.isPresent()) {
      if (!(given.getAsDouble() > 0)) {
        throw new InvalidSettingException(
            "noiseLevel", "must be positive, got " + given.getAsDouble());
      }
      return given;
    }
    if (defaultNoiseLevel().isEmpty()) {
      throw new InvalidSettingException(
          "noiseLevel", "must be given: " + describe() + " is noise-conditional");
    }
    return defaultNoiseLevel();
  }

  private double[] energies(double[][] points, OptionalDouble sigma) {
    return function.energies(
        Rows.flatten(points, sampleSize()), function.noiseLevels(points.length, noiseLevel(sigma)));
  }

  private double[][] scores(double[][] points, OptionalDouble sigma) {
    return Rows.of(
        function.scores(
            Rows.flatten(points, sampleSize()),
            function.noiseLevels(points.length, noiseLevel(sigma))),
        sampleSize());
  }

  @Override
  public void close() {
    function.close();
  }
}
