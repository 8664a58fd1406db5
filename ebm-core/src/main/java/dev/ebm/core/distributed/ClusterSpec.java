package dev.ebm.core.distributed;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;

/**
 * The tasks of a TensorFlow cluster: each job's name and the {@code host:port} of each of its
 * tasks, in task order, read from a JSON file such as {@code {"worker": ["10.0.0.1:2222",
 * "10.0.0.2:2222"], "ps": ["10.0.0.3:2222"]}}.
 *
 * @param jobs the addresses of every job's tasks
 */
public record ClusterSpec(Map<String, List<String>> jobs) {

  /**
   * One task of the cluster, written {@code job:index}.
   *
   * @param job the job's name
   * @param index the task's index within the job
   */
  public record Task(String job, int index) {

    /**
     * Parses {@code job:index}.
     *
     * @throws IllegalArgumentException for anything else, showing the form
     */
    public static Task parse(String text) {
      int colon = text.lastIndexOf(':');
      try {
        if (colon > 0) {
          int index = Integer.parseInt(text.substring(colon + 1));
          if (index >= 0) {
            return new Task(text.substring(0, colon), index);
          }
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          "a task is written job:index, e.g. worker:1; got '" + text + "'");
    }

    /** The task's device name prefix, {@code /job:JOB/task:INDEX}. */
    public String device() {
      return "/job:" + job + "/task:" + index;
    }
  }

  public ClusterSpec {
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one job");
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    jobs.forEach(
        (name, addresses) -> {
          if (addresses.isEmpty()) {
            throw new IllegalArgumentException("job '" + name + "' has no tasks");
          }
          for (String address : addresses) {
            int colon = address.lastIndexOf(':');
            if (colon <= 0 || !address.substring(colon + 1).matches("[0-9]+")) {
              throw new IllegalArgumentException(
                  "job '" + name + "': '" + address + "' is not host:port");
            }
          }
          copy.put(name, List.copyOf(addresses));
        });
    jobs = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Reads a cluster file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   * @throws IOException if it cannot be read
   */
  public static ClusterSpec read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such cluster file: " + file);
    }
    JsonObject json;
    try {
      json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          file + " is not a JSON object of job names to address lists: " + e.getMessage(), e);
    }
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> job : json.entrySet()) {
      if (!job.getValue().isJsonArray()) {
        throw new IllegalArgumentException(
            file + ": job '" + job.getKey() + "' must list its tasks' host:port addresses");
      }
      JsonArray addresses = job.getValue().getAsJsonArray();
      List<String> list = new ArrayList<>();
      addresses.forEach(a -> list.add(a.getAsString()));
      jobs.put(job.getKey(), list);
    }
    try {
      return new ClusterSpec(jobs);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The address of {@code task}.
   *
   * @throws IllegalArgumentException if the cluster has no such task
   */
  public String address(Task task) {
    List<String> addresses = jobs.get(task.job());
    if (addresses == null || task.index() >= addresses.size()) {
      throw new IllegalArgumentException(
          "the cluster has no task " + task.job() + ":" + task.index() + "; it has " + describe());
    }
    return addresses.get(task.index());
  }

  /** The session target of {@code task}'s server, {@code grpc://host:port}. */
  public String target(Task task) {
    return "grpc://" + address(task);
  }

  /** TensorFlow's description of the cluster. */
  public ClusterDef toClusterDef() {
    ClusterDef.Builder cluster = ClusterDef.newBuilder();
    jobs.forEach(
        (name, addresses) -> {
          JobDef.Builder job = JobDef.newBuilder().setName(name);
          for (int i = 0; i < addresses.size(); i++) {
            job.putTasks(i, addresses.get(i));
          }
          cluster.addJob(job);
        });
    return cluster.build();
  }

  private String describe() {
    StringBuilder text = new StringBuilder();
    jobs.forEach(
        (name, addresses) ->
            text.append(text.length() > 0 ? ", " : "")
                .append(name)
                .append(":0..")
                .append(addresses.size() - 1));
    return text.toString();
  }
}
