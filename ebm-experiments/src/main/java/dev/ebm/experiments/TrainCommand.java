package dev.ebm.experiments;

import dev.ebm.api.PreparedTraining;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.core.distributed.ClusterSpec;
import dev.ebm.core.distributed.ClusterTimeouts;
import dev.ebm.core.graph.Device;
import dev.ebm.core.train.StepsPerRun;
import dev.ebm.core.train.TrainingSummary;
import dev.ebm.experiments.output.RunListeners;
import dev.ebm.experiments.process.StopSignals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ebm train}: trains a model with a method on data through {@link Training}, resuming a run
 * directory if it holds one.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train an energy model.",
      "Example: ebm train --data toy:8gaussians --model mlp --method dsm:sigma=0.1 --steps 2000",
      "Settings can also come from a file in run.json's format (--config), which options given on"
          + " the command line override."
    })
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec command;

  @Mixin RunSettingsOptions settings;

  @Option(
      names = "--steps",
      defaultValue = "" + Training.DEFAULT_STEPS,
      description =
          "total training steps (default: ${DEFAULT-VALUE}, enough for every method on 2-D data"
              + " of any scale; see ebm reproduce defaults-check)")
  long steps;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu or gpu:N (default: ${DEFAULT-VALUE})")
  String device;

  @Option(
      names = "--run",
      defaultValue = "runs/train",
      description = "run directory; an existing run is resumed (default: ${DEFAULT-VALUE})")
  Path run;

  @Option(
      names = "--log-every",
      defaultValue = "" + Training.DEFAULT_LOG_EVERY,
      description = "steps between log lines (default: ${DEFAULT-VALUE})")
  int logEvery;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "" + Training.DEFAULT_CHECKPOINT_EVERY,
      description = "steps between checkpoints (default: ${DEFAULT-VALUE})")
  int checkpointEvery;

  @Option(
      names = "--steps-per-run",
      description =
          "training steps per TensorFlow session call, or auto: as many as make a call hold about "
              + StepsPerRun.OPS_PER_CALL
              + " graph ops, at most "
              + StepsPerRun.MAX_AUTO_STEPS_PER_RUN
              + ", and one for runs of fewer than "
              + StepsPerRun.AUTO_MIN_STEPS
              + " steps (where building the larger graph costs more than it saves); changes the"
              + " speed, never the result (default: ${DEFAULT-VALUE})",
      defaultValue = "auto")
  String stepsPerRun;

  @Option(names = "--export", description = "export the trained energy as a SavedModel here")
  Path export;

  @Option(
      names = "--cluster",
      description =
          "train data-parallel on the TensorFlow cluster this JSON file describes, e.g."
              + " {\"worker\": [\"h1:2222\", \"h2:2222\"]} (start each task with ebm worker"
              + " first): one replica of the step per worker task, each on an equal share of the"
              + " batch; the variables live on ps:0 if the cluster has a ps job, else on"
              + " worker:0, and that task's process writes the checkpoints into --run")
  Path cluster;

  @Option(
      names = "--replicas",
      defaultValue = "1",
      description =
          "split each step into N replicas on this machine, each on an equal share of the batch"
              + " with one thread, run side by side: faster where a step's products are too small"
              + " for the cores to share (dsm on a 2-D MLP: 1.9x on two cores); a method with"
              + " chains keeps one buffer per replica (default: ${DEFAULT-VALUE})")
  int replicas;

  @Option(
      names = "--call-timeout",
      defaultValue = "" + ClusterTimeouts.DEFAULT_CALL_TIMEOUT_SECONDS,
      description =
          "with --cluster: seconds one session call may take before the run stops, naming the"
              + " tasks that do not answer; the first call of each kind, which sets the graph up on"
              + " the tasks, gets at least "
              + ClusterTimeouts.SETUP_TIMEOUT_SECONDS
              + " (default: ${DEFAULT-VALUE})")
  double callTimeout;

  @Option(
      names = "--heartbeat-timeout",
      defaultValue = "" + ClusterTimeouts.DEFAULT_HEARTBEAT_TIMEOUT_SECONDS,
      description =
          "with --cluster: seconds a task may leave the run's heartbeat unanswered (a dead or hung"
              + " ebm worker) before the run stops, naming it (default: ${DEFAULT-VALUE})")
  double heartbeatTimeout;

  /**
   * Validates everything (data, model, method, options, their pairing, the export target) before
   * anything is written; a fresh run that fails before its first checkpoint leaves the run
   * directory as it was.
   */
  @Override
  public Integer call() throws Exception {
    Training.Builder builder = settings.settings(command);
    if (export != null && Files.exists(export)) {
      throw new IllegalArgumentException(
          "the export target "
              + export
              + " already exists; choose another --export path or remove it");
    }
    builder
        .stopWhen(StopSignals.install(System.err))
        .steps(steps)
        .stepsPerRun(StepsPerRun.parse("--steps-per-run", stepsPerRun))
        .device(Device.parse(device))
        .runDirectory(run)
        .logEvery(logEvery)
        .checkpointEvery(checkpointEvery)
        .replicas(replicas);
    if (cluster != null) {
      builder
          .cluster(ClusterSpec.read(cluster))
          .callTimeout(Duration.ofMillis(Math.round(callTimeout * 1000)))
          .heartbeatTimeout(Duration.ofMillis(Math.round(heartbeatTimeout * 1000)));
    }
    Training training = builder.build();
    builder.listeners(RunListeners.standard(System.err, training.data().isImages() ? logEvery : 0));
    try (PreparedTraining prepared = builder.build().prepare()) {
      System.out.println(prepared.description());
      prepared.notes().forEach(note -> System.out.println("note: " + note));
      prepared.warnings().forEach(warning -> System.err.println("warning: " + warning));
      try (TrainedEnergy trained = prepared.run()) {
        TrainingSummary summary = trained.provenance().training().orElseThrow();
        System.out.printf(
            "trained from step %d to %d at %.1f steps/s, last loss %.5g; run in %s%n",
            summary.firstStep(),
            summary.lastStep(),
            summary.stepsPerSecond(),
            summary.lastLoss(),
            run);
        if (export != null) {
          trained.export(export);
          System.out.println("exported SavedModel to " + export);
        }
      }
    }
    return 0;
  }
}
