package dev.ebm.core.checkpoint;

import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The SHA-256 checksums of a checkpoint's files, kept beside them in {@value #FILE_NAME} in the
 * format of {@code sha256sum} ({@code <hex> <name>} per line), so that {@code sha256sum -c
 * checksums.sha256} inside a checkpoint also verifies it.
 */
final class CheckpointChecksums {

  static final String FILE_NAME = "checksums.sha256";

  private CheckpointChecksums() {}

  /** Writes the checksums of every other file in {@code directory}. */
  static void write(Path directory) throws IOException {
    StringBuilder manifest = new StringBuilder();
    for (Path file : filesIn(directory)) {
      manifest.append(sha256(file)).append("  ").append(file.getFileName()).append('\n');
    }
    Files.writeString(directory.resolve(FILE_NAME), manifest, StandardCharsets.UTF_8);
  }

  /** Whether {@code directory} records checksums at all. */
  static boolean recorded(Path directory) {
    return Files.exists(directory.resolve(FILE_NAME));
  }

  /**
   * What is wrong with the files of {@code directory}, if anything: a manifest that is not UTF-8
   * text, malformed, or lists something other than a file beside it; a file listed but missing; or
   * a file whose content no longer matches its checksum (truncated, corrupted).
   *
   * @throws IOException if a file cannot be read
   */
  static Optional<String> problem(Path directory) throws IOException {
    String manifest;
    try {
      manifest =
          StandardCharsets.UTF_8
              .newDecoder()
              .decode(ByteBuffer.wrap(Files.readAllBytes(directory.resolve(FILE_NAME))))
              .toString();
    } catch (CharacterCodingException e) {
      return Optional.of(FILE_NAME + " is not UTF-8 text");
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (String line : manifest.lines().toList()) {
      int gap = line.indexOf("  ");
      if (gap != 64) {
        return Optional.of(FILE_NAME + " is malformed (line '" + abbreviated(line) + "')");
      }
      expected.put(line.substring(gap + 2), line.substring(0, gap));
    }
    if (expected.isEmpty()) {
      return Optional.of(FILE_NAME + " is empty");
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : expected.entrySet()) {
      Optional<Path> named = fileNamed(directory, entry.getKey());
      if (named.isEmpty()) {
        return Optional.of(
            FILE_NAME
                + " is malformed (it lists '"
                + abbreviated(entry.getKey())
                + "', not the name of a file beside it)");
      }
      Path file = named.get();
      if (!Files.isRegularFile(file)) {
        problems.add(entry.getKey() + " is missing");
      } else if (!sha256(file).equals(entry.getValue())) {
        problems.add(entry.getKey() + " does not match its checksum (truncated or corrupted)");
      }
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }

  /** The file {@code name} in {@code directory}, if it is a plain file name (no directory part). */
  private static Optional<Path> fileNamed(Path directory, String name) {
    try {
      Path file = directory.resolve(name);
      return file.getParent() != null
              && file.getParent().equals(directory)
              && !name.equals(".")
              && !name.equals("..")
          ? Optional.of(file)
          : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static String abbreviated(String text) {
    return text.length() <= 100 ? text : text.substring(0, 97) + "...";
  }

  private static List<Path> filesIn(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals(FILE_NAME))
          .sorted()
          .toList();
    }
  }

  private static String sha256(Path file) throws IOException {
    return MoreFiles.asByteSource(file).hash(Hashing.sha256()).toString();
  }
}
