package dev.ebm.core.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.io.Directories;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A directory of checkpoints {@code ckpt-<step>/}, each holding a TensorFlow checkpoint of every
 * variable ({@code variables.index}, {@code variables.data-*}) and {@code state.json}. A checkpoint
 * is written to a temporary directory and renamed into place, so a run killed while saving leaves
 * the previous checkpoints intact and no half-written one; only the newest {@code keep} are kept.
 */
public final class CheckpointStore {

  /**
   * One complete checkpoint.
   *
   * @param directory where it lies
   * @param step the step it was taken at
   */
  public record Checkpoint(Path directory, long step) {
    /** The TensorFlow checkpoint prefix of its variables. */
    public Path variablesPrefix() {
      return directory.resolve("variables");
    }
  }

  private static final Pattern NAME = Pattern.compile("ckpt-(\\d{12})");
  private static final String TEMPORARY = ".tmp-";
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

  private final Path directory;
  private final int keep;

  /**
   * A store in {@code directory} that keeps the newest {@code keep} checkpoints.
   *
   * @throws IllegalArgumentException if {@code keep} is below 1
   */
  public CheckpointStore(Path directory, int keep) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep at least one checkpoint, got " + keep);
    }
    this.directory = directory;
    this.keep = keep;
  }

  /** The directory. */
  public Path directory() {
    return directory;
  }

  /** Writes every variable of {@code graph} and {@code state} as the checkpoint of its step. */
  public Checkpoint save(ModelGraph<?> graph, CheckpointState state) throws IOException {
    Files.createDirectories(directory);
    String name = String.format("ckpt-%012d", state.step());
    Path target = directory.resolve(name);
    Path temporary = directory.resolve(name + TEMPORARY + System.nanoTime());
    Files.createDirectories(temporary);
    graph.saveVariables(temporary.resolve("variables"));
    Files.writeString(temporary.resolve("state.json"), GSON.toJson(state), StandardCharsets.UTF_8);
    if (Files.exists(target)) {
      Directories.deleteRecursively(target);
    }
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    prune();
    return new Checkpoint(target, state.step());
  }

  /** The newest complete checkpoint, if any. */
  public Optional<Checkpoint> latest() throws IOException {
    List<Checkpoint> all = complete();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  /** The complete checkpoints, oldest first. */
  public List<Checkpoint> complete() throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .map(
              p -> {
                Matcher m = NAME.matcher(p.getFileName().toString());
                return m.matches() && Files.exists(p.resolve("state.json"))
                    ? new Checkpoint(p, Long.parseLong(m.group(1)))
                    : null;
              })
          .filter(java.util.Objects::nonNull)
          .sorted(Comparator.comparingLong(Checkpoint::step))
          .toList();
    }
  }

  /** Restores every variable of {@code graph} from {@code checkpoint} and returns its state. */
  public CheckpointState restore(ModelGraph<?> graph, Checkpoint checkpoint) throws IOException {
    CheckpointState state = readState(checkpoint);
    try {
      graph.restoreVariables(checkpoint.variablesPrefix());
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot restore "
              + checkpoint.directory()
              + ": its variables do not match this graph (was it written by another model, method"
              + " or optimiser configuration? it records "
              + state.provenance()
              + "); start a new run directory or use the same configuration",
          e);
    }
    return state;
  }

  /** The state saved with a checkpoint. */
  public CheckpointState readState(Checkpoint checkpoint) throws IOException {
    return GSON.fromJson(
        Files.readString(checkpoint.directory().resolve("state.json"), StandardCharsets.UTF_8),
        CheckpointState.class);
  }

  private void prune() throws IOException {
    List<Checkpoint> all = complete();
    for (int i = 0; i < all.size() - keep; i++) {
      Directories.deleteRecursively(all.get(i).directory());
    }
    try (Stream<Path> entries = Files.list(directory)) {
      for (Path p : entries.filter(p -> p.getFileName().toString().contains(TEMPORARY)).toList()) {
        Directories.deleteRecursively(p);
      }
    }
  }
}
