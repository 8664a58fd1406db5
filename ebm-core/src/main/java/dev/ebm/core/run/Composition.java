package dev.ebm.core.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A product of experts over trained runs, {@code E(x) = Σᵢ wᵢ Eᵢ(x)} (Hinton 2002): the density
 * {@code ∝ Πᵢ pᵢ(x)^{wᵢ}}. Saved as {@value #FILE_NAME} in its own directory, which everything that
 * reads a trained energy (sampling, scoring, evaluation, export) also reads; each member names its
 * run directory (relative paths are resolved against the composition's directory).
 *
 * @param members the runs and their weights
 */
public record Composition(List<Composition.Member> members) {

  /** The file a composition is saved in. */
  public static final String FILE_NAME = "composition.json";

  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
  private static final String FORMAT_VERSION = "format_version";

  /**
   * One expert.
   *
   * @param run its run directory
   * @param weight its exponent {@code wᵢ} (positive)
   */
  public record Member(String run, double weight) {
    public Member {
      if (run == null || run.isBlank()) {
        throw new IllegalArgumentException("a composition member needs a run directory");
      }
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException(
            "the weight of " + run + " must be positive and finite, got " + weight);
      }
    }
  }

  public Composition {
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("a composition needs at least one run");
    }
    members = List.copyOf(members);
  }

  /** The composition file in {@code directory}. */
  public static Path fileIn(Path directory) {
    return directory.resolve(FILE_NAME);
  }

  /** Writes {@value #FILE_NAME} into {@code directory}, with the run format version. */
  public void save(Path directory) throws IOException {
    Files.createDirectories(directory);
    JsonObject json = GSON.toJsonTree(this).getAsJsonObject();
    json.addProperty(FORMAT_VERSION, RunDirectory.FORMAT_VERSION);
    Files.writeString(fileIn(directory), GSON.toJson(json));
  }

  /**
   * Reads the composition in {@code directory}.
   *
   * @throws IllegalStateException if the file is damaged or of a newer format
   */
  public static Composition load(Path directory) throws IOException {
    Path file = fileIn(directory);
    JsonObject json;
    try {
      json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalStateException(file + " is not valid JSON (" + e.getMessage() + ")", e);
    }
    JsonElement version = json.remove(FORMAT_VERSION);
    RunDirectory.requireReadable(version == null ? 0 : version.getAsInt(), file);
    Composition composition = GSON.fromJson(json, Composition.class);
    return new Composition(composition.members());
  }

  /**
   * The run directory of each member, resolved against the composition's {@code directory}.
   *
   * @throws IllegalArgumentException if a member is itself a composition
   */
  public List<Path> runDirectories(Path directory) {
    return members.stream()
        .map(
            member -> {
              Path run = directory.resolve(member.run()).normalize();
              if (Files.exists(fileIn(run))) {
                throw new IllegalArgumentException(
                    run + " is itself a composition; compose the runs it is made of instead");
              }
              return run;
            })
        .toList();
  }

  /** The members' weights, in order. */
  public List<Double> weights() {
    return members.stream().map(Member::weight).toList();
  }
}
