package dev.ebm.experiments;

import dev.ebm.api.TrainedEnergy;
import dev.ebm.core.run.Composition;
import dev.ebm.core.run.RunSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tensorflow.ndarray.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ebm compose}: a product of experts over trained runs, {@code E(x) = Σᵢ wᵢ Eᵢ(x)}, saved as
 * a {@link Composition} directory that {@code sample}, {@code score}, {@code eval} and {@code
 * export} read like a run.
 */
@Command(
    name = "compose",
    mixinStandardHelpOptions = true,
    description = {
      "Compose trained runs into a product of experts, E = sum of w_i * E_i.",
      "Example: ebm compose --expert runs/moons --expert runs/rings:0.5 --out runs/product"
    })
public final class ComposeCommand implements Callable<Integer> {

  @Option(
      names = "--expert",
      required = true,
      description = "a run directory, optionally with its weight: DIR[:WEIGHT] (default weight 1)")
  List<String> experts;

  @Option(names = "--out", required = true, description = "the composition directory to create")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (Files.exists(Composition.fileIn(out)) || RunSettings.existsIn(out)) {
      throw new IllegalArgumentException(
          out + " already holds a run or composition; choose another --out directory");
    }
    Path base = out.toAbsolutePath().normalize();
    List<Composition.Member> members = new ArrayList<>();
    for (String expert : experts) {
      Composition.Member parsed = parse(expert);
      Path run = Path.of(parsed.run()).toAbsolutePath().normalize();
      members.add(new Composition.Member(base.relativize(run).toString(), parsed.weight()));
    }
    Composition composition = new Composition(members);
    // Everything is read before anything is written: a missing run or a shape mismatch fails here.
    Shape shape;
    try (TrainedEnergy product = TrainedEnergy.load(composition, base)) {
      shape = product.sampleShape();
    }
    composition.save(out);
    System.out.println(
        "composed "
            + members.size()
            + " runs into "
            + out
            + " ("
            + shape
            + " samples): E = "
            + String.join(
                " + ", members.stream().map(m -> m.weight() + "·E[" + m.run() + "]").toList()));
    return 0;
  }

  /** {@code DIR[:WEIGHT]}; a suffix after the last colon that is not a number is part of DIR. */
  static Composition.Member parse(String expert) {
    int colon = expert.lastIndexOf(':');
    if (colon > 0) {
      try {
        return new Composition.Member(
            expert.substring(0, colon), Double.parseDouble(expert.substring(colon + 1)));
      } catch (NumberFormatException e) {
        // not a weight: the colon belongs to the path
      }
    }
    return new Composition.Member(expert, 1.0);
  }
}
