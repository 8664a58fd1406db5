package dev.ebm.core.evaluation;

import dev.ebm.core.data.DataStatistics;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.data.toy.ToyDensity;
import dev.ebm.core.trained.EnergyFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The measurements of a trained energy that its inputs allow, in one ordered map:
 *
 * <ul>
 *   <li>in 1 to 3 dimensions, {@code log Z} by quadrature on a grid over the data ({@link
 *       GridNormalization}); and, when the data is a 2-D toy density, KL(p_data ‖ p_θ) and total
 *       variation against its exact density on that grid ({@link DensityComparison});
 *   <li>with a tabulated reference density ({@link ReferenceDensity}), KL and total variation
 *       against it on its own grid, for data of any origin;
 *   <li>when training learned {@code log Z} (NCE's c), its distance from the grid's;
 *   <li>in any dimension, when asked, {@code log Z} by annealed importance sampling ({@link
 *       GraphAis}), with its standard error and its difference from the grid's;
 *   <li>with held-out points, their negative log-likelihood {@code −mean log p_θ(x)} (nats, and per
 *       dimension), with the learned, grid or else AIS {@code log Z};
 *   <li>with model samples, MMD² against the training data ({@link MaximumMeanDiscrepancy}).
 * </ul>
 *
 * What cannot be measured is said in {@code notes}.
 */
public final class RunEvaluation {

  private RunEvaluation() {}

  /**
   * What an evaluation is given.
   *
   * @param statistics the statistics of the training data (the grid covers them)
   * @param energy the trained energy
   * @param sigma the noise level of a noise-conditional energy; empty for a plain one
   * @param toy the toy density the run was trained on, if it was
   * @param reference a known density on a grid to compare with, if given
   * @param data the training data, if it can be regenerated
   * @param test held-out points, if given
   * @param samples model samples, if given
   * @param ais an annealed importance sampling estimate of log Z, if one was made
   */
  public record Given(
      DataStatistics statistics,
      EnergyFunction energy,
      OptionalDouble sigma,
      Optional<ToyDensity> toy,
      Optional<ReferenceDensity> reference,
      Optional<Dataset> data,
      Optional<Dataset> test,
      Optional<Dataset> samples,
      Optional<GraphAis.Result> ais) {}

  /** Measures what {@code inputs} allow. */
  public static Map<String, Object> of(Given inputs) {
    EnergyFunction energy = inputs.energy();
    int d = energy.sampleSize();
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    out.put("dimension", d);
    OptionalDouble gridLogZ = OptionalDouble.empty();
    if (d <= GridNormalization.MAX_DIMENSION) {
      GridNormalization grid = GridNormalization.forTrainingData(inputs.statistics(), inputs.toy());
      double[] points = grid.points();
      double[] energies = energy.energies(points, energy.noiseLevels(grid.size(), inputs.sigma()));
      double logZ = GridNormalization.logSumExpOfNegated(energies) + Math.log(grid.cellVolume());
      gridLogZ = OptionalDouble.of(logZ);
      out.put("grid", grid.describe());
      out.put("log_z_grid", logZ);
      if (inputs.reference().isPresent()) {
        ReferenceDensity reference = inputs.reference().get();
        DensityComparison comparison = reference.compare(energy, inputs.sigma());
        out.put("reference", reference.description());
        out.put("kl", comparison.kl());
        out.put("tv", comparison.totalVariation());
      } else if (inputs.toy().isPresent() && d == 2) {
        ToyDensity toy = inputs.toy().get();
        double[] dataLogDensity = new double[grid.size()];
        double[] modelLogDensity = new double[grid.size()];
        for (int g = 0; g < grid.size(); g++) {
          dataLogDensity[g] = toy.logDensity(points[2 * g], points[2 * g + 1]);
          modelLogDensity[g] = -energies[g] - logZ;
        }
        DensityComparison comparison =
            DensityComparison.of(dataLogDensity, modelLogDensity, grid.cellVolume());
        out.put("kl", comparison.kl());
        out.put("tv", comparison.totalVariation());
      } else {
        notes.add(
            "KL and TV need the data's exact density: a 2-D toy density (train on toy:<name>) or"
                + " a tabulated one (a reference density)");
      }
    } else {
      notes.add(
          "no grid log Z, KL or TV above "
              + GridNormalization.MAX_DIMENSION
              + " dimensions; the MMD of model samples applies in any dimension");
    }
    OptionalDouble learned = energy.logPartition();
    if (learned.isPresent()) {
      out.put("log_z_learned", learned.getAsDouble());
      if (gridLogZ.isPresent()) {
        out.put("log_z_error", Math.abs(learned.getAsDouble() - gridLogZ.getAsDouble()));
      }
    }
    OptionalDouble aisLogZ = OptionalDouble.empty();
    if (inputs.ais().isPresent()) {
      aisLogZ = OptionalDouble.of(inputs.ais().get().estimate().logMeanWeight());
      if (gridLogZ.isPresent()) {
        out.put("log_z_ais_minus_grid", aisLogZ.getAsDouble() - gridLogZ.getAsDouble());
      }
    }
    OptionalDouble logZ = learned.isPresent() ? learned : gridLogZ.isPresent() ? gridLogZ : aisLogZ;
    if (learned.isEmpty() && gridLogZ.isEmpty() && aisLogZ.isPresent()) {
      out.put("log_z_used", "ais");
    }
    if (inputs.test().isPresent()) {
      Dataset test = inputs.test().get();
      if (logZ.isPresent()) {
        double[] e =
            energy.energies(test.toDoubles(), energy.noiseLevels(test.size(), inputs.sigma()));
        double nll = 0;
        for (double value : e) {
          nll += (value + logZ.getAsDouble()) / e.length;
        }
        out.put("test_nll", nll);
        out.put("test_nll_per_dimension", nll / d);
        out.put("test_points", test.size());
      } else {
        notes.add(
            "no held-out likelihood: log Z is neither learned nor computable on a grid here"
                + " (annealed importance sampling estimates it in any dimension)");
      }
    }
    if (inputs.samples().isPresent() && inputs.data().isPresent()) {
      MaximumMeanDiscrepancy mmd =
          MaximumMeanDiscrepancy.between(
              inputs.samples().get().toDoubles(), inputs.data().get().toDoubles(), d);
      out.put("mmd2", mmd.squared());
      out.put("mmd_bandwidth", mmd.bandwidth());
    } else if (inputs.samples().isEmpty()) {
      notes.add("no MMD: no model samples were given or drawn");
    } else {
      notes.add(
          "no MMD: the training data cannot be read again (a composition's is not one data set;"
              + " data given in memory is not kept)");
    }
    if (!notes.isEmpty()) {
      out.put("notes", notes);
    }
    return out;
  }
}
