package dev.ebm.experiments;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.ebm.core.config.Options;
import dev.ebm.core.data.Dataset;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.method.DataStatistics;
import dev.ebm.core.method.TrainingMethod;
import dev.ebm.core.method.TrainingMethodProvider;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.EnergyModelProvider;
import dev.ebm.core.train.OptimizerConfig;
import dev.ebm.core.train.ProgramConfig;
import dev.ebm.core.train.TrainingProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.types.family.TFloating;

/**
 * Everything that defines a training run, saved as {@code run.json} in its directory so that a
 * later command (resume, export) rebuilds exactly the same graph.
 *
 * @param data the data spec ({@link DataSpec})
 * @param model {@code name[:key=value,…]}
 * @param method {@code name[:key=value,…]}
 * @param batch the batch size
 * @param optimizer {@code adam} or {@code sgd}
 * @param learningRate the learning rate
 * @param ema the moving-average decay (0 for none)
 * @param clipNorm the gradient-norm clip (0 for none)
 * @param seed the seed of data, initialisation and every random draw
 */
public record RunSpec(
    String data, String model, String method, int batch, String optimizer, double learningRate, double ema, double clipNorm, long seed) {

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** The built training step and what it was built from. */
  public record Built<T extends TFloating>(Dataset data, EnergyModel model, TrainingProgram<T> program) {}

  /** Loads the data and builds model, method and training step in {@code graph}. */
  public <T extends TFloating> Built<T> build(ModelGraph<T> graph) throws IOException {
    Dataset dataset = DataSpec.load(data, seed);
    EnergyModel energy = EnergyModelProvider.byName(name(model)).create(dataset.sampleShape(), options(model));
    TrainingMethod objective = TrainingMethodProvider.byName(name(method)).create(options(method));
    OptimizerConfig opt =
        switch (optimizer) {
          case "adam" -> OptimizerConfig.adam(learningRate);
          case "sgd" -> OptimizerConfig.sgd(learningRate);
          default -> throw new IllegalArgumentException("optimizer '" + optimizer + "' is not adam or sgd");
        };
    ProgramConfig config = ProgramConfig.of(opt);
    if (ema > 0) {
      config = config.withEma(ema);
    }
    if (clipNorm > 0) {
      config = config.withClipNorm(clipNorm);
    }
    TrainingProgram<T> program = TrainingProgram.build(graph, energy, objective, config, DataStatistics.of(dataset), batch);
    return new Built<>(dataset, energy, program);
  }

  /** Writes {@code run.json} into {@code directory}. */
  public void save(Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("run.json"), GSON.toJson(this));
  }

  /**
   * Reads {@code run.json} from a run directory.
   *
   * @throws IllegalArgumentException if the directory holds no run
   */
  public static RunSpec load(Path directory) throws IOException {
    Path file = directory.resolve("run.json");
    if (!Files.exists(file)) {
      throw new IllegalArgumentException(directory + " is not a training run (no run.json); train one with ebm train --run " + directory);
    }
    return GSON.fromJson(Files.readString(file), RunSpec.class);
  }

  private static String name(String spec) {
    int colon = spec.indexOf(':');
    return colon < 0 ? spec : spec.substring(0, colon);
  }

  private static Options options(String spec) {
    int colon = spec.indexOf(':');
    return Options.parse(name(spec), colon < 0 ? "" : spec.substring(colon + 1));
  }
}
