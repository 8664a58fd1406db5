package dev.ebm.core.run;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The one writer of a run directory: an exclusive lock on its {@code run.lock}, held with a {@link
 * FileChannel} lock for as long as a training, an export or a reproduction writes, with the
 * holder's pid, host and start time written into the file. A second writer fails at once, naming
 * the holder; the operating system releases the lock when its process dies however it dies, so a
 * lock file left by a dead process is taken over (and said so). Readers (sampling, scoring,
 * evaluation) take no lock: they read only complete checkpoints.
 */
public final class RunLock implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(RunLock.class.getName());

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock of the run directory {@code directory}, creating the directory if needed.
   *
   * @throws IllegalStateException naming the holder, if another process (or another writer in this
   *     one) holds it
   * @throws IOException if the lock file cannot be written
   */
  public static RunLock acquire(Path directory) throws IOException {
    Files.createDirectories(directory);
    Path file = RunDirectory.at(directory).lock();
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String holder = read(channel);
      channel.close();
      throw new IllegalStateException(
          directory
              + " is being written by "
              + (holder.isBlank() ? "another writer" : holder)
              + "; wait for it to finish, or write into another directory");
    }
    String previous = read(channel);
    if (!previous.isBlank()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "taking over the lock of {0}, which left it without releasing it (it is no longer"
              + " running)",
          previous);
    }
    channel.truncate(0);
    channel.write(ByteBuffer.wrap(holder().getBytes(StandardCharsets.UTF_8)), 0);
    channel.force(true);
    return new RunLock(file, channel, lock);
  }

  /** This process, as the lock file names it: {@code pid 123 on host since 2026-…Z}. */
  private static String holder() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "an unknown host";
    }
    return "pid " + ProcessHandle.current().pid() + " on " + host + " since " + Instant.now();
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
  }

  /** Empties the lock file and releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      if (Files.exists(file)) {
        channel.truncate(0);
      }
      lock.release();
    } finally {
      channel.close();
    }
  }
}
