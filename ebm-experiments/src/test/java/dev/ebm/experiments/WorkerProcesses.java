package dev.ebm.experiments;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ebm worker} child processes serving the tasks of a cluster on localhost, for tests: each
 * task on a free port, its output in a log file beside the cluster file. Closing kills them all.
 */
final class WorkerProcesses implements AutoCloseable {

  private static final long START_TIMEOUT_SECONDS = 60;

  private final Path directory;
  private final Path clusterFile;
  private final List<String> tasks;
  private final Map<String, Process> running = new LinkedHashMap<>();

  private WorkerProcesses(Path directory, Path clusterFile, List<String> tasks) {
    this.directory = directory;
    this.clusterFile = clusterFile;
    this.tasks = tasks;
  }

  /** A cluster of {@code workers} worker tasks on free localhost ports, none started yet. */
  static WorkerProcesses localCluster(Path directory, int workers) throws IOException {
    List<String> addresses = new ArrayList<>();
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      try (ServerSocket socket = new ServerSocket(0)) {
        addresses.add("\"localhost:" + socket.getLocalPort() + "\"");
      }
      tasks.add("worker:" + i);
    }
    Files.createDirectories(directory);
    Path file = directory.resolve("cluster.json");
    Files.writeString(file, "{\"worker\": [" + String.join(", ", addresses) + "]}");
    return new WorkerProcesses(directory, file, tasks);
  }

  /** The cluster file. */
  Path clusterFile() {
    return clusterFile;
  }

  /** Starts every task that is not running and waits until each serves. */
  void startAll() throws IOException, InterruptedException {
    List<String> started = new ArrayList<>();
    for (String task : tasks) {
      if (!running.containsKey(task)) {
        running.put(task, launch(task));
        started.add(task);
      }
    }
    for (String task : started) {
      awaitServing(task);
    }
  }

  /** Starts {@code task} and waits until it serves. */
  void start(String task) throws IOException, InterruptedException {
    running.put(task, launch(task));
    awaitServing(task);
  }

  /** Kills {@code task}'s process and waits for it to end. */
  void kill(String task) {
    Process process = running.remove(task);
    if (process != null) {
      process.destroyForcibly().onExit().join();
    }
  }

  /** Kills every task's process. */
  void killAll() {
    for (String task : List.copyOf(running.keySet())) {
      kill(task);
    }
  }

  private Process launch(String task) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Ebm.class.getName(),
            "worker",
            "--cluster",
            clusterFile.toString(),
            "--task",
            task)
        .redirectErrorStream(true)
        .redirectOutput(log(task).toFile())
        .start();
  }

  private void awaitServing(String task) throws IOException, InterruptedException {
    Process process = running.get(task);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_SECONDS);
    while (!Files.readString(log(task)).contains("serving " + task)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(task + " ended: " + Files.readString(log(task)));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            task
                + " did not start in "
                + START_TIMEOUT_SECONDS
                + " s: "
                + Files.readString(log(task)));
      }
      Thread.sleep(50);
    }
  }

  private Path log(String task) {
    return directory.resolve(task.replace(':', '-') + ".log");
  }

  @Override
  public void close() {
    killAll();
  }
}
