package dev.ebm.core.checkpoint;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.ebm.core.graph.ModelGraph;
import dev.ebm.core.io.Directories;
import dev.ebm.core.io.JsonFiles;
import dev.ebm.core.run.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * A directory of checkpoints {@code ckpt-<step>/}, each holding a TensorFlow checkpoint of every
 * variable ({@code variables.index}, {@code variables.data-*}), {@code state.json} and the SHA-256
 * checksums of those files ({@code checksums.sha256}). A checkpoint is written to a temporary
 * directory and renamed into place, so a run killed while saving leaves the previous checkpoints
 * intact and no half-written one; only the newest {@code keep} are kept.
 *
 * <p>Restoring verifies the checksums first: a checkpoint damaged on disk afterwards (truncated,
 * bit-flipped) is named as damaged and passed over for the newest intact one ({@link
 * #restoreNewestIntact}); a checkpoint that is intact but does not fit the graph is refused as
 * belonging to another configuration.
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

  /**
   * A checkpoint restored into a graph.
   *
   * @param checkpoint the checkpoint
   * @param state its Java-side state
   * @param passedOver newer checkpoints that were damaged, newest first, with what is wrong
   */
  public record Restored(Checkpoint checkpoint, CheckpointState state, List<String> passedOver) {
    public Restored {
      passedOver = List.copyOf(passedOver);
    }
  }

  private static final System.Logger LOG = System.getLogger(CheckpointStore.class.getName());
  private static final Pattern NAME = Pattern.compile("ckpt-(\\d{12})");
  private static final String TEMPORARY = ".tmp-";
  private static final String STATE = "state.json";
  private static final Gson GSON =
      new GsonBuilder()
          .setPrettyPrinting()
          .serializeSpecialFloatingPointValues()
          .disableHtmlEscaping()
          .create();

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

  /**
   * Writes every variable of {@code graph} and {@code state} as the checkpoint of its step. Any
   * checkpoint of a later step is deleted: it belongs to a history this run has left (a resume from
   * an older checkpoint past damaged newer ones).
   *
   * @throws IOException naming the step, the directory and the cause, if the checkpoint cannot be
   *     written (a full disk, say): its temporary folder is removed and the checkpoints written
   *     before are untouched
   */
  public Checkpoint save(ModelGraph<?> graph, CheckpointState state) throws IOException {
    String name = String.format("ckpt-%012d", state.step());
    Path target = directory.resolve(name);
    Path temporary = directory.resolve(name + TEMPORARY + System.nanoTime());
    try {
      Files.createDirectories(temporary);
      graph.saveVariables(temporary.resolve("variables"));
      Files.writeString(temporary.resolve(STATE), GSON.toJson(state), StandardCharsets.UTF_8);
      CheckpointChecksums.write(temporary);
      if (Files.exists(target)) {
        Directories.deleteRecursively(target);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      removeQuietly(temporary);
      // Only a failed write is the store's to report; a failure of the session that runs the save
      // (a cluster task gone, say) goes on as it is, for whoever handles that failure.
      if (!(e instanceof IOException
          || e instanceof UncheckedIOException
          || e instanceof TensorFlowException)) {
        throw e;
      }
      throw new IOException(
          "could not write the checkpoint of step "
              + state.step()
              + " into "
              + directory
              + " ("
              + firstLine(e)
              + ")",
          e);
    }
    for (Checkpoint later : complete()) {
      if (later.step() > state.step()) {
        Directories.deleteRecursively(later.directory());
      }
    }
    prune();
    return new Checkpoint(target, state.step());
  }

  /** The first line of an exception's message (TensorFlow's go on with the failing node). */
  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }

  /** Deletes {@code path}, leaving what cannot be deleted (the disk may be full or failing). */
  private static void removeQuietly(Path path) {
    try {
      if (Files.exists(path)) {
        Directories.deleteRecursively(path);
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "could not remove {0}: {1}", path, e.getMessage());
    }
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
                return m.matches() && Files.exists(p.resolve(STATE))
                    ? new Checkpoint(p, Long.parseLong(m.group(1)))
                    : null;
              })
          .filter(java.util.Objects::nonNull)
          .sorted(Comparator.comparingLong(Checkpoint::step))
          .toList();
    }
  }

  /**
   * Restores {@code graph} from the newest checkpoint whose files are intact, warning about each
   * newer one that is damaged and naming the step restored.
   *
   * @return what was restored; empty if the store holds no checkpoint
   * @throws IllegalStateException if every checkpoint is damaged, or if the newest intact one
   *     belongs to another configuration
   */
  public Optional<Restored> restoreNewestIntact(ModelGraph<?> graph) throws IOException {
    List<Checkpoint> all = complete();
    List<String> damaged = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0; i--) {
      Checkpoint checkpoint = all.get(i);
      Optional<String> problem = damage(checkpoint);
      if (problem.isPresent()) {
        damaged.add(checkpoint.directory() + " (" + problem.get() + ")");
        continue;
      }
      CheckpointState state = restoreVerified(graph, checkpoint);
      if (!damaged.isEmpty()) {
        LOG.log(
            System.Logger.Level.WARNING,
            "damaged checkpoint(s) passed over: {0}; restored step {1} from {2}",
            String.join(", ", damaged),
            checkpoint.step(),
            checkpoint.directory());
      }
      return Optional.of(new Restored(checkpoint, state, damaged));
    }
    if (!damaged.isEmpty()) {
      throw new IllegalStateException(
          "every checkpoint in "
              + directory
              + " is damaged: "
              + String.join(", ", damaged)
              + ". Restore them from a backup, or delete "
              + directory
              + " to train from the start");
    }
    return Optional.empty();
  }

  /**
   * Restores every variable of {@code graph} from {@code checkpoint} and returns its state.
   *
   * @throws IllegalStateException if the checkpoint is damaged, or belongs to another configuration
   */
  public CheckpointState restore(ModelGraph<?> graph, Checkpoint checkpoint) throws IOException {
    Optional<String> problem = damage(checkpoint);
    if (problem.isPresent()) {
      throw new IllegalStateException(
          "checkpoint " + checkpoint.directory() + " is damaged: " + problem.get());
    }
    return restoreVerified(graph, checkpoint);
  }

  /**
   * What is wrong with the files of {@code checkpoint}, if anything. A checkpoint of format 0
   * (written before checksums were recorded) is taken as intact if its state can be read.
   */
  public Optional<String> damage(Checkpoint checkpoint) throws IOException {
    if (CheckpointChecksums.recorded(checkpoint.directory())) {
      return CheckpointChecksums.problem(checkpoint.directory());
    }
    try {
      CheckpointState state = readState(checkpoint);
      return state.formatVersion() == 0
          ? Optional.empty()
          : Optional.of(CheckpointChecksums.FILE_NAME + " is missing");
    } catch (RuntimeException e) {
      return Optional.of(STATE + " cannot be read (" + e.getMessage() + ")");
    }
  }

  private CheckpointState restoreVerified(ModelGraph<?> graph, Checkpoint checkpoint)
      throws IOException {
    CheckpointState state = readState(checkpoint);
    RunDirectory.requireReadable(state.formatVersion(), checkpoint.directory().resolve(STATE));
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

  /**
   * The state saved with a checkpoint.
   *
   * @throws IllegalStateException naming the file, if it is not a checkpoint's state (damaged)
   * @throws IOException naming the file, if it cannot be read
   */
  public CheckpointState readState(Checkpoint checkpoint) throws IOException {
    Path file = checkpoint.directory().resolve(STATE);
    CheckpointState state;
    try {
      state = GSON.fromJson(JsonFiles.text(file), CheckpointState.class);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          file + " is not a checkpoint's state (" + e.getMessage() + "); is it damaged?", e);
    }
    if (state == null) {
      throw new IllegalStateException(file + " is empty; is it damaged?");
    }
    return state;
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
