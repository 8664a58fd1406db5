package dev.ebm.core.train;

import dev.ebm.core.run.RunDirectory;
import java.io.IOException;
import java.util.Map;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Logs the loss, the gradient norm and every diagnostic to TensorBoard each log step, under {@code
 * <run>/tensorboard}; and, every {@code imageEvery} steps, a grid of up to 16 of the step's model
 * samples when they are images ({@code [B, H, W, C]}), mapping {@code [low, high]} to pixel values.
 */
public final class TensorBoardLogger implements TrainingListener {

  private final int imageEvery;
  private final double low;
  private final double high;
  private TensorBoardWriter writer;

  /**
   * A logger that also shows samples every {@code imageEvery} steps (0: never), as images with
   * values in {@code [low, high]}.
   */
  public TensorBoardLogger(int imageEvery, double low, double high) {
    if (imageEvery < 0 || !(high > low)) {
      throw new IllegalArgumentException("need imageEvery >= 0 and high > low");
    }
    this.imageEvery = imageEvery;
    this.low = low;
    this.high = high;
  }

  /** Scalars only. */
  public static TensorBoardLogger scalars() {
    return new TensorBoardLogger(0, 0, 1);
  }

  @Override
  public void onStart(TrainingRun run) {
    run.runDirectory()
        .ifPresent(dir -> writer = new TensorBoardWriter(RunDirectory.at(dir).tensorBoard()));
  }

  @Override
  public void onStep(TrainingRun run, StepResult result) throws IOException {
    if (writer == null || !run.isLogStep(result.step())) {
      return;
    }
    try {
      writer.scalar("loss", result.step(), result.loss());
      writer.scalar("grad_norm", result.step(), result.gradientNorm());
      for (Map.Entry<String, Double> d : result.diagnostics().entrySet()) {
        writer.scalar(d.getKey(), result.step(), d.getValue());
      }
    } catch (TensorFlowException e) {
      throw failed(run, result.step(), e);
    }
  }

  /** TensorBoard's writer failed (its ops report a full disk as a TensorFlow error). */
  private static IOException failed(TrainingRun run, long step, TensorFlowException e) {
    String cause =
        e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    return new IOException(
        "could not write the TensorBoard events of step "
            + step
            + " into "
            + run.runDirectory().map(d -> RunDirectory.at(d).tensorBoard().toString()).orElse("")
            + " ("
            + cause.strip()
            + ")",
        e);
  }

  @Override
  public boolean wantsSamples(TrainingRun run, long step) {
    return writer != null && imageEvery > 0 && (step % imageEvery == 0 || step == run.totalSteps());
  }

  @Override
  public void onSamples(TrainingRun run, long step, double[] samples, long[] shape)
      throws IOException {
    if (shape.length != 4) {
      return;
    }
    ImageGrid grid = ImageGrid.of(samples, shape, 16, low, high);
    try {
      writer.images(
          "samples",
          step,
          grid.pixels(),
          new long[] {1, grid.height(), grid.width(), grid.channels()});
    } catch (TensorFlowException e) {
      throw failed(run, step, e);
    }
  }

  @Override
  public void onEnd(TrainingRun run, StepResult last) throws IOException {
    if (writer != null) {
      try {
        writer.flush();
      } catch (TensorFlowException e) {
        throw failed(run, last == null ? run.firstStep() : last.step(), e);
      } finally {
        writer.close();
        writer = null;
      }
    }
  }
}
