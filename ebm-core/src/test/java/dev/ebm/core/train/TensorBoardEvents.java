package dev.ebm.core.train;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** Reads scalar events back from TensorBoard event files (TFRecord framing of Event protos). */
final class TensorBoardEvents {

  record Scalar(String tag, long step, double value) {}

  private TensorBoardEvents() {}

  static List<Scalar> readScalars(Path directory) throws IOException {
    List<Scalar> scalars = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file :
          files
              .filter(f -> f.getFileName().toString().startsWith("events.out.tfevents"))
              .toList()) {
        try (InputStream in = Files.newInputStream(file);
            DataInputStream data = new DataInputStream(in)) {
          while (true) {
            byte[] header = new byte[12];
            try {
              data.readFully(header);
            } catch (EOFException end) {
              break;
            }
            long length = ByteBuffer.wrap(header, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            byte[] record = new byte[Math.toIntExact(length)];
            data.readFully(record);
            data.readFully(new byte[4]);
            Event event = Event.parseFrom(record);
            for (Summary.Value v : event.getSummary().getValueList()) {
              double value =
                  v.hasTensor() && v.getTensor().getFloatValCount() > 0
                      ? v.getTensor().getFloatVal(0)
                      : v.getSimpleValue();
              scalars.add(new Scalar(v.getTag(), event.getStep(), value));
            }
          }
        }
      }
    }
    return scalars;
  }
}
