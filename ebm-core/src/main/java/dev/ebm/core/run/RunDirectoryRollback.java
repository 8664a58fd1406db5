package dev.ebm.core.run;

import dev.ebm.core.io.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a directory held before a command started writing into it, so that a run that fails before
 * its first checkpoint can leave the directory as it was: {@link #undo} deletes every entry the
 * command created, and the directory itself if the command created it.
 */
public final class RunDirectoryRollback {

  private final Path root;
  private final boolean existed;
  private final Set<Path> entriesBefore;

  private RunDirectoryRollback(Path root, boolean existed, Set<Path> entriesBefore) {
    this.root = root;
    this.existed = existed;
    this.entriesBefore = entriesBefore;
  }

  /** Records what {@code directory} holds now (nothing, if it does not exist). */
  public static RunDirectoryRollback recordingStateOf(RunDirectory directory) throws IOException {
    Path root = directory.root();
    if (!Files.isDirectory(root)) {
      return new RunDirectoryRollback(root, false, Set.of());
    }
    try (Stream<Path> entries = Files.list(root)) {
      return new RunDirectoryRollback(root, true, new HashSet<>(entries.toList()));
    }
  }

  /** Deletes what was created since the state was recorded. */
  public void undo() throws IOException {
    if (!existed) {
      Directories.deleteRecursively(root);
      return;
    }
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : entries.toList()) {
        if (!entriesBefore.contains(entry)) {
          Directories.deleteRecursively(entry);
        }
      }
    }
  }
}
