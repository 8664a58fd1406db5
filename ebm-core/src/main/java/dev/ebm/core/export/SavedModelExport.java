package dev.ebm.core.export;

import dev.ebm.core.autodiff.Gradients;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.graph.ParameterSnapshot;
import dev.ebm.core.graph.VariableSet;
import dev.ebm.core.io.Directories;
import dev.ebm.core.model.EnergyModel;
import dev.ebm.core.model.NoiseConditionalEnergyModel;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.family.TFloating;

/**
 * Exports an energy model with given parameter values as a SavedModel (tag {@code serve}) with
 * three signatures: {@code energy} (input {@code x} {@code [B] + sampleShape} → output {@code
 * energy} {@code [B]}), {@code score} ({@code x} → {@code score} = {@code −∇ₓE}, shape of x), and
 * {@code serving_default} (= {@code energy}). Noise-conditional models take a second input {@code
 * sigma} {@code [B]} in every signature. A model whose training learned its log partition function
 * {@code c} (NCE) also gets {@code log_density} ({@code x} → {@code log_density} = {@code −E − c}).
 *
 * <p>The graph is built fresh, with the values as variables' initial values, so the export holds
 * only the inference graph. Its ops are all standard TensorFlow ops (the score is built by
 * TensorFlow's own gradients), so loading it needs nothing from this project. The directory appears
 * complete or not at all: it is written next to its destination and renamed into place.
 */
public final class SavedModelExport {

  /** The tag the model is saved under. */
  public static final String TAG = "serve";

  private SavedModelExport() {}

  /**
   * Exports {@code model} with {@code values} to {@code directory}, computing in {@code type}.
   *
   * @param overwrite whether to replace an existing directory
   * @throws FileAlreadyExistsException if the directory exists and {@code overwrite} is false
   */
  public static <T extends TFloating> void export(
      EnergyModel model, ParameterSnapshot values, Path directory, Class<T> type, boolean overwrite)
      throws IOException {
    export(model, values, OptionalDouble.empty(), directory, type, overwrite);
  }

  /**
   * Exports {@code model} with {@code values} and, when given, its learned log partition function
   * {@code logPartition} (which adds the {@code log_density} signature).
   *
   * @throws FileAlreadyExistsException if the directory exists and {@code overwrite} is false
   */
  public static <T extends TFloating> void export(
      EnergyModel model,
      ParameterSnapshot values,
      OptionalDouble logPartition,
      Path directory,
      Class<T> type,
      boolean overwrite)
      throws IOException {
    Path target = directory.toAbsolutePath().normalize();
    if (Files.exists(target) && !overwrite) {
      throw new FileAlreadyExistsException(
          target.toString(),
          null,
          "export directory exists; choose another or allow overwriting it");
    }
    Files.createDirectories(target.getParent());
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp-" + System.nanoTime());
    try (ModelGraph<T> graph = ModelGraph.create(type, 0)) {
      Ops tf = graph.ops();
      VariableSet<T> variables =
          graph.createVariables("model", values.asSpecs(model.parameterSpecs()));
      Placeholder<T> x = graph.placeholder("x", Shape.of(-1).append(model.sampleShape()));
      Signature.Builder energy = Signature.builder().key("energy").input("x", x);
      Signature.Builder score = Signature.builder().key("score").input("x", x);
      Signature.Builder serving = Signature.builder().key(Signature.DEFAULT_KEY).input("x", x);
      Signature.Builder density = Signature.builder().key("log_density").input("x", x);
      Operand<T> e;
      if (model instanceof NoiseConditionalEnergyModel conditional) {
        Placeholder<T> sigma = graph.placeholder("sigma", Shape.of(-1));
        energy.input("sigma", sigma);
        score.input("sigma", sigma);
        serving.input("sigma", sigma);
        density.input("sigma", sigma);
        e = conditional.energy(tf, x, sigma, variables.read());
      } else {
        e = model.energy(tf, x, variables.read());
      }
      Operand<T> namedEnergy = tf.withName("energy").identity(e);
      Operand<T> namedScore = tf.withName("score").identity(Gradients.score(tf, e, x));
      List<Signature> signatures = new ArrayList<>();
      signatures.add(serving.output("energy", namedEnergy).build());
      signatures.add(energy.output("energy", namedEnergy).build());
      signatures.add(score.output("score", namedScore).build());
      if (logPartition.isPresent()) {
        Operand<T> logDensity =
            tf.withName("log_density")
                .math
                .sub(tf.math.neg(e), tf.constant(type, logPartition.getAsDouble()));
        signatures.add(density.output("log_density", logDensity).build());
      }
      graph.exportSavedModel(temporary, signatures);
    } catch (RuntimeException | IOException e) {
      Directories.deleteRecursively(temporary);
      throw e;
    }
    if (Files.exists(target)) {
      Directories.deleteRecursively(target);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
