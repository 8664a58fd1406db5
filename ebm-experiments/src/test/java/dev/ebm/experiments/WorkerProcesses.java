package dev.ebm.experiments;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ebm worker} child processes serving the tasks of a cluster on localhost, for tests: each
 * task on a free port (TCP for gRPC and UDP for the heartbeat), its output in a log file beside the
 * cluster file. Closing resumes any stopped one and kills them all.
 */
final class WorkerProcesses implements AutoCloseable {

  private static final long START_TIMEOUT_SECONDS = 60;

  private final Path directory;
  private final Path clusterFile;
  private final List<String> tasks;
  private final List<String> options;
  private final Map<String, Process> running = new LinkedHashMap<>();

  private WorkerProcesses(
      Path directory, Path clusterFile, List<String> tasks, List<String> options) {
    this.directory = directory;
    this.clusterFile = clusterFile;
    this.tasks = tasks;
    this.options = options;
  }

  /**
   * A cluster of {@code workers} worker tasks on free localhost ports, none started yet; each
   * worker will run with {@code options} (e.g. {@code --chief-timeout 3}).
   */
  static WorkerProcesses localCluster(Path directory, int workers, String... options)
      throws IOException {
    List<String> addresses = new ArrayList<>();
    List<String> tasks = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      addresses.add("\"localhost:" + freePort() + "\"");
      tasks.add("worker:" + i);
    }
    Files.createDirectories(directory);
    Path file = directory.resolve("cluster.json");
    Files.writeString(file, "{\"worker\": [" + String.join(", ", addresses) + "]}");
    return new WorkerProcesses(directory, file, tasks, List.of(options));
  }

  /** A port free for both TCP and UDP now. */
  private static int freePort() throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        try (DatagramSocket udp = new DatagramSocket(socket.getLocalPort())) {
          return udp.getLocalPort();
        } catch (SocketException taken) {
          // Try another.
        }
      }
    }
  }

  /** An {@code ebm args…} child process of this JVM's class path, its output in {@code log}. */
  static Process ebm(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Ebm.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** The cluster file. */
  Path clusterFile() {
    return clusterFile;
  }

  /** Starts every task that is not running (or whose process ended) and waits until each serves. */
  void startAll() throws IOException, InterruptedException {
    running.values().removeIf(p -> !p.isAlive());
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

  /** Stops {@code task}'s process ({@code SIGSTOP}): it hangs, its sockets open. */
  void suspend(String task) throws IOException, InterruptedException {
    signal(task, "-STOP");
  }

  /** Lets {@code task}'s stopped process go on ({@code SIGCONT}). */
  void resume(String task) throws IOException, InterruptedException {
    signal(task, "-CONT");
  }

  private void signal(String task, String signal) throws IOException, InterruptedException {
    Process process = running.get(task);
    if (process != null && process.isAlive()) {
      int status = new ProcessBuilder("kill", signal, "" + process.pid()).start().waitFor();
      if (status != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + ": " + status);
      }
    }
  }

  /**
   * Waits up to {@code seconds} for {@code task}'s process to end by itself and returns its exit
   * status.
   *
   * @throws IllegalStateException if it is still running then
   */
  int awaitExit(String task, double seconds) throws InterruptedException {
    Process process = running.get(task);
    if (!process.waitFor(Math.round(seconds * 1000), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(task + " still runs after " + seconds + " s");
    }
    return process.exitValue();
  }

  /** What {@code task}'s process printed so far. */
  String output(String task) throws IOException {
    return Files.readString(log(task));
  }

  private Process launch(String task) throws IOException {
    List<String> args =
        new ArrayList<>(List.of("worker", "--cluster", "" + clusterFile, "--task", task));
    args.addAll(options);
    return ebm(log(task), args);
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
    for (String task : List.copyOf(running.keySet())) {
      try {
        resume(task);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException | RuntimeException e) {
        // Killed below all the same.
      }
    }
    killAll();
  }
}
