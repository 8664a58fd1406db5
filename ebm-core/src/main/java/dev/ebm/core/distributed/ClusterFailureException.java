package dev.ebm.core.distributed;

import java.util.List;
import java.util.Optional;

/**
 * Thrown when a run on a cluster stops because a task died or hangs, or a session call failed or
 * outlived its timeout: the message says which tasks do not answer, what became of the checkpoints
 * (when the trainer added it, {@link #withCheckpointNote}) and how to resume, in one line.
 *
 * <p>{@link #checkpointable()} says whether the variables still hold the state of the last
 * completed call and can be saved: true only when the failure was found between calls and every
 * task that holds variables (and the session's master) answers. A call that failed part way may
 * have applied part of a step, so nothing is saved after one.
 */
public final class ClusterFailureException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final List<ClusterSpec.Task> tasks;
  private final boolean checkpointable;
  private final String problem;
  private final String advice;
  private final String checkpointNote;
  private final String tensorFlow;

  private ClusterFailureException(
      List<ClusterSpec.Task> tasks,
      boolean checkpointable,
      String problem,
      String checkpointNote,
      String advice,
      String tensorFlow,
      Throwable cause) {
    super(compose(problem, checkpointNote, advice, tensorFlow), cause);
    this.tasks = List.copyOf(tasks);
    this.checkpointable = checkpointable;
    this.problem = problem;
    this.checkpointNote = checkpointNote;
    this.advice = advice;
    this.tensorFlow = tensorFlow;
  }

  /**
   * A failure of a run on a cluster.
   *
   * @param tasks the tasks that do not answer (empty when all do)
   * @param checkpointable whether the variables hold the last completed call's state and can be
   *     saved
   * @param problem what happened, e.g. "task worker:1 at h:2222 does not answer"
   * @param advice what to do, e.g. how to restart the tasks and resume
   * @param tensorFlow TensorFlow's own message, if the failure came from a call
   * @param cause the exception that reported it, if any
   */
  ClusterFailureException(
      List<ClusterSpec.Task> tasks,
      boolean checkpointable,
      String problem,
      String advice,
      Optional<String> tensorFlow,
      Optional<Throwable> cause) {
    this(tasks, checkpointable, problem, "", advice, tensorFlow.orElse(""), cause.orElse(null));
  }

  private static String compose(String problem, String note, String advice, String tensorFlow) {
    return problem
        + ": the run stopped"
        + (note.isEmpty() ? "" : "; " + note)
        + ". "
        + advice
        + (tensorFlow.isEmpty() ? "" : " (TensorFlow said: " + tensorFlow + ")");
  }

  /** The tasks that do not answer, in placement order; empty when all answer. */
  public List<ClusterSpec.Task> tasks() {
    return tasks;
  }

  /**
   * Whether the variables hold the state of the last completed call and their tasks answer, so that
   * a checkpoint of that state can still be written.
   */
  public boolean checkpointable() {
    return checkpointable;
  }

  /** What happened, without the advice. */
  public String problem() {
    return problem;
  }

  /**
   * This failure with {@code note} (what became of the checkpoints, e.g. "the last complete
   * checkpoint is of step 20 in runs/x/checkpoints") inserted before the advice.
   */
  public ClusterFailureException withCheckpointNote(String note) {
    ClusterFailureException noted =
        new ClusterFailureException(
            tasks, checkpointable, problem, note, advice, tensorFlow, getCause());
    noted.setStackTrace(getStackTrace());
    return noted;
  }
}
