package dev.ebm.core.trained;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Standardization;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.ProductOfExperts;
import dev.ebm.core.model.StandardizedEnergy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.types.TFloat32;

/**
 * A trained energy {@code E_θ(x)} held outside any graph: the model, the values θ of its parameters
 * (the moving average where training kept one), the step they were read at, the {@code log Z}
 * training learned if it learns one ({@code log p = −E − log Z}), and the statistics of the data it
 * was trained on, in the data's own units. What evaluation, sampling, export and composition build
 * their graphs from.
 *
 * @param model the energy model, in the data's own units
 * @param parameters the parameter values
 * @param step the training step of the values (for a product, the sum over its experts)
 * @param logPartition the learned {@code log Z} (NCE's {@code c}), if training learned one
 * @param statistics the statistics of the training data (for a product, of all its experts' data)
 */
public record TrainedModel(
    EnergyModel model,
    ParameterSnapshot parameters,
    long step,
    OptionalDouble logPartition,
    DataStatistics statistics) {

  public TrainedModel {
    if (model == null || parameters == null || logPartition == null || statistics == null) {
      throw new IllegalArgumentException(
          "model, parameters, logPartition and statistics must not be null");
    }
    if (statistics.dimension() != model.sampleShape().size()) {
      throw new IllegalArgumentException(
          "statistics of "
              + statistics.dimension()
              + " coordinates do not describe "
              + model.name()
              + "'s samples of shape "
              + model.sampleShape());
    }
  }

  /**
   * This model in the coordinates it trained in, where it trained on standardised data ({@link
   * StandardizedEnergy}): the model it wraps, the learned {@code log Z} less {@code Σ log s}, the
   * statistics mapped ({@link Standardization#apply(DataStatistics)}); empty otherwise.
   */
  public Optional<TrainedModel> inTrainingUnits() {
    if (!(model instanceof StandardizedEnergy standardized)) {
      return Optional.empty();
    }
    Standardization map = standardized.standardization();
    OptionalDouble logZ =
        logPartition.isPresent()
            ? OptionalDouble.of(logPartition.getAsDouble() - map.logScale())
            : OptionalDouble.empty();
    return Optional.of(
        new TrainedModel(standardized.base(), parameters, step, logZ, map.apply(statistics)));
  }

  /** This model as a frozen expert of weight {@code weight}. */
  public ProductOfExperts.Expert asFrozenExpert(double weight) {
    return ProductOfExperts.Expert.frozen(model, weight, parameters);
  }

  /**
   * The product of experts {@code E = Σ wᵢEᵢ} of the given models, frozen at their parameters. Its
   * statistics are those of all the models' data together; a learned {@code log Z} does not carry
   * over to the product.
   *
   * @throws IllegalArgumentException if there is not one weight per model, or no model
   */
  public static TrainedModel product(List<TrainedModel> models, List<Double> weights) {
    if (models.size() != weights.size() || models.isEmpty()) {
      throw new IllegalArgumentException(
          "a product needs one weight per model, got "
              + models.size()
              + " models and "
              + weights.size()
              + " weights");
    }
    List<ProductOfExperts.Expert> experts = new ArrayList<>();
    long steps = 0;
    for (int i = 0; i < models.size(); i++) {
      experts.add(models.get(i).asFrozenExpert(weights.get(i)));
      steps += models.get(i).step();
    }
    ProductOfExperts product = new ProductOfExperts(experts);
    ParameterSnapshot values;
    try (ModelGraph<TFloat32> graph = ModelGraph.create(TFloat32.class, 0)) {
      // Frozen experts declare their values as initial values: initialising reads them back.
      var variables = graph.createVariables("model", product.parameterSpecs());
      graph.initialize();
      values = ParameterSnapshot.read(graph, variables.read());
    }
    return new TrainedModel(
        product,
        values,
        steps,
        OptionalDouble.empty(),
        DataStatistics.union(models.stream().map(TrainedModel::statistics).toList()));
  }
}
