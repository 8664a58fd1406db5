package dev.ebm.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The messages one class logs while a test holds this open, formatted as the console shows them;
 * closing stops the capture. Logging goes through {@code System.Logger} to {@code
 * java.util.logging}, whose console handler writes to the standard error of the JVM's start, which
 * a test cannot capture.
 */
public final class CapturedWarnings implements AutoCloseable {

  private final Logger logger;
  private final List<String> messages = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          messages.add(new SimpleFormatter().formatMessage(record));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedWarnings(Logger logger) {
    this.logger = logger;
    logger.addHandler(handler);
  }

  /** Captures what {@code source} logs from now on. */
  public static CapturedWarnings of(Class<?> source) {
    return new CapturedWarnings(Logger.getLogger(source.getName()));
  }

  /** The messages so far, in order. */
  public List<String> messages() {
    return List.copyOf(messages);
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
