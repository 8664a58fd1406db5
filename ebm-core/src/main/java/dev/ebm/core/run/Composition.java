package dev.ebm.core.run;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.ebm.core.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
   * @throws IllegalStateException naming the file, if it is damaged (not JSON, its members missing,
   *     not runs with weights, or a weight not positive) or of a newer format
   * @throws IOException naming the file, if it cannot be read (e.g. there is none)
   */
  public static Composition load(Path directory) throws IOException {
    Path file = fileIn(directory);
    JsonObject json;
    try {
      json = JsonFiles.read(file).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalStateException(file + " is not valid JSON (" + e.getMessage() + ")", e);
    }
    RunDirectory.requireReadable(json.remove(FORMAT_VERSION), file);
    JsonElement members = json.get("members");
    if (members == null || !members.isJsonArray()) {
      throw new IllegalStateException(
          file + " has no list of 'members' (each a run and its weight); is it damaged?");
    }
    List<Member> read = new ArrayList<>();
    for (JsonElement member : members.getAsJsonArray()) {
      read.add(member(file, member));
    }
    try {
      return new Composition(read);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + ": " + e.getMessage() + "; is it damaged?", e);
    }
  }

  private static Member member(Path file, JsonElement json) {
    JsonElement run = json.isJsonObject() ? json.getAsJsonObject().get("run") : null;
    JsonElement weight = json.isJsonObject() ? json.getAsJsonObject().get("weight") : null;
    if (run == null
        || !run.isJsonPrimitive()
        || !run.getAsJsonPrimitive().isString()
        || weight == null
        || !weight.isJsonPrimitive()
        || !weight.getAsJsonPrimitive().isNumber()) {
      String text = json.toString();
      throw new IllegalStateException(
          file
              + ": a member must be {\"run\": <directory>, \"weight\": <number>}, got "
              + (text.length() <= 80 ? text : text.substring(0, 77) + "...")
              + "; is it damaged?");
    }
    try {
      return new Member(run.getAsString(), weight.getAsDouble());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(file + ": " + e.getMessage() + "; is it damaged?", e);
    }
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
