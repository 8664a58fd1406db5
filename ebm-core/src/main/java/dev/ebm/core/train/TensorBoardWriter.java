package dev.ebm.core.train;

import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * Writes TensorBoard event files through TensorFlow's own summary ops ({@code
 * CreateSummaryFileWriter}, {@code WriteScalarSummary}, {@code WriteImageSummary}), in a small
 * graph of its own so that logging never touches the model graph.
 */
public final class TensorBoardWriter implements AutoCloseable {

  private final Graph graph;
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Placeholder<TUint8> image;
  private final String writeScalar;
  private final String writeImage;
  private final String flush;
  private final String close;

  /** A writer of event files into {@code logDirectory} (created if missing). */
  public TensorBoardWriter(Path logDirectory) {
    graph = new Graph();
    session = new Session(graph);
    Ops tf = Ops.create(graph);
    SummaryWriter writer = tf.summary.summaryWriter();
    step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    image = tf.placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, -1, -1, -1)));
    String create =
        tf.summary
            .createSummaryFileWriter(
                writer,
                tf.constant(logDirectory.toAbsolutePath().toString()),
                tf.constant(10),
                tf.constant(1000),
                tf.constant(".v2"))
            .op()
            .name();
    writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value).op().name();
    writeImage =
        tf.summary
            .writeImageSummary(writer, step, tag, image, tf.constant(new byte[] {(byte) 255, 0, 0}))
            .op()
            .name();
    flush = tf.summary.flushSummaryWriter(writer).op().name();
    close = tf.summary.closeSummaryWriter(writer).op().name();
    session.run(create);
  }

  /** Writes a scalar. */
  public void scalar(String name, long atStep, double v) {
    try (TInt64 s = TInt64.scalarOf(atStep);
        TString t = TString.scalarOf(name);
        TFloat32 x = TFloat32.scalarOf((float) v)) {
      session
          .runner()
          .feed(step, s)
          .feed(tag, t)
          .feed(value, x)
          .addTarget(writeScalar)
          .run()
          .close();
    }
  }

  /**
   * Writes images, {@code pixels} row-major {@code [n, height, width, channels]} with values in
   * {@code [0, 255]} (channels 1, 3 or 4).
   */
  public void images(String name, long atStep, byte[] pixels, long[] shape) {
    try (TInt64 s = TInt64.scalarOf(atStep);
        TString t = TString.scalarOf(name);
        TUint8 x = TUint8.tensorOf(Shape.of(shape), DataBuffers.of(pixels, true, false))) {
      session
          .runner()
          .feed(step, s)
          .feed(tag, t)
          .feed(image, x)
          .addTarget(writeImage)
          .run()
          .close();
    }
  }

  /** Flushes pending events to disk. */
  public void flush() {
    session.run(flush);
  }

  @Override
  public void close() {
    try {
      session.run(close);
    } finally {
      session.close();
      graph.close();
    }
  }
}
