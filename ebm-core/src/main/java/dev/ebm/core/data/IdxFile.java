package dev.ebm.core.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.tensorflow.ndarray.Shape;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST (plain or gzipped, detected from the first
 * bytes): a magic number {@code 0x0000TTNN} (element type TT, NN dimensions), NN big-endian
 * dimension sizes, then the elements.
 *
 * @param dimensions the dimension sizes, the first being the number of items
 * @param values the elements as floats, row-major
 */
public record IdxFile(int[] dimensions, float[] values) {

  /**
   * Reads an IDX file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong, if it is not IDX
   * @throws IOException if it cannot be read
   */
  public static IdxFile read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      InputStream in = (b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(raw, 1 << 16) : raw;
      DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
      int magic = data.readInt();
      if ((magic >>> 16) != 0) {
        throw new IllegalArgumentException(
            file
                + " is not an IDX file: magic number "
                + Integer.toHexString(magic)
                + " should start with 0000");
      }
      int type = (magic >>> 8) & 0xff;
      int rank = magic & 0xff;
      int[] dims = new int[rank];
      long count = 1;
      for (int i = 0; i < rank; i++) {
        dims[i] = data.readInt();
        count *= dims[i];
      }
      int elementBytes = elementBytes(type, file);
      int expected = Math.toIntExact(count * elementBytes);
      byte[] bytes = data.readNBytes(expected);
      if (bytes.length < expected) {
        throw new IllegalArgumentException(
            file
                + " is truncated: its header promises "
                + count
                + " elements of "
                + elementBytes
                + " byte(s), but only "
                + bytes.length
                + " bytes follow it");
      }
      return new IdxFile(dims, decode(ByteBuffer.wrap(bytes), type, Math.toIntExact(count)));
    }
  }

  /**
   * Writes this file gzipped with unsigned-byte elements (type {@code 0x08}, as MNIST's files are),
   * each value rounded to the nearest integer.
   *
   * @throws IllegalArgumentException if a value lies outside [0, 255], naming its index
   * @throws IOException if the file cannot be written
   */
  public void writeUnsignedBytes(Path file) throws IOException {
    try (DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(new GZIPOutputStream(Files.newOutputStream(file)), 1 << 16))) {
      out.writeInt(0x0800 | dimensions.length);
      for (int d : dimensions) {
        out.writeInt(d);
      }
      for (int i = 0; i < values.length; i++) {
        int v = Math.round(values[i]);
        if (v < 0 || v > 255) {
          throw new IllegalArgumentException(
              "element " + i + " is " + values[i] + ", outside the unsigned bytes 0..255");
        }
        out.writeByte(v);
      }
    }
  }

  private static int elementBytes(int type, Path file) {
    return switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default ->
          throw new IllegalArgumentException(
              file + ": unknown IDX element type 0x" + Integer.toHexString(type));
    };
  }

  /** The {@code count} big-endian elements of the given IDX type in {@code bytes}, as floats. */
  private static float[] decode(ByteBuffer bytes, int type, int count) {
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] =
          switch (type) {
            case 0x08 -> bytes.get() & 0xff;
            case 0x09 -> bytes.get();
            case 0x0B -> bytes.getShort();
            case 0x0C -> bytes.getInt();
            case 0x0D -> bytes.getFloat();
            default -> (float) bytes.getDouble();
          };
    }
    return values;
  }

  /**
   * The items as single-channel images {@code [H, W, 1]} with pixels scaled from {@code [0, 255]}
   * to {@code [low, high]}, the first {@code limit} items only.
   *
   * @throws IllegalArgumentException if this file does not hold 2-D items
   */
  public Dataset toImages(double low, double high, int limit) {
    if (dimensions.length != 3) {
      throw new IllegalArgumentException(
          "image IDX files hold [items, height, width], this one has "
              + dimensions.length
              + " dimensions");
    }
    int items = Math.min(limit, dimensions[0]);
    int pixels = dimensions[1] * dimensions[2];
    float[] scaled = new float[items * pixels];
    double scale = (high - low) / 255.0;
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = (float) (low + values[i] * scale);
    }
    return Dataset.of(scaled, Shape.of(dimensions[1], dimensions[2], 1));
  }
}
