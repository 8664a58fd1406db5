package dev.ebm.core.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
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
   * Reads an IDX file. Its header is checked before anything of the size it declares is allocated:
   * a negative dimension, more elements than an array holds, or (uncompressed) more bytes than the
   * file has are refused by name.
   *
   * @throws IllegalArgumentException naming the file and what is wrong, if it is not IDX, is
   *     truncated, or is a damaged gzip file
   * @throws IOException naming the file, if it cannot be read
   */
  public static IdxFile read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    long fileSize = Files.size(file);
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gzipped = b0 == 0x1f && b1 == 0x8b;
      InputStream in = gzipped ? new GZIPInputStream(raw, 1 << 16) : raw;
      DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
      int magic = headerInt(data, file, "its magic number");
      if ((magic >>> 16) != 0) {
        throw new IllegalArgumentException(
            file
                + " is not an IDX file: magic number "
                + Integer.toHexString(magic)
                + " should start with 0000");
      }
      int type = (magic >>> 8) & 0xff;
      int rank = magic & 0xff;
      int elementBytes = elementBytes(type, file);
      int[] dims = new int[rank];
      long count = 1;
      for (int i = 0; i < rank; i++) {
        dims[i] = headerInt(data, file, "dimension " + (i + 1) + " of " + rank);
        if (dims[i] < 0) {
          throw new IllegalArgumentException(
              file
                  + ": dimension "
                  + (i + 1)
                  + " is "
                  + dims[i]
                  + ", but sizes cannot be negative; is the file damaged?");
        }
        count *= dims[i];
        if (count > MAX_ARRAY_BYTES / elementBytes) {
          throw new IllegalArgumentException(
              file
                  + ": its header declares dimensions "
                  + Arrays.toString(Arrays.copyOf(dims, i + 1))
                  + (i + 1 < rank ? "…" : "")
                  + ", more than "
                  + MAX_ARRAY_BYTES
                  + " bytes of elements, which this reader holds in memory at most; is the file"
                  + " damaged?");
        }
      }
      int expected = (int) (count * elementBytes);
      long headerBytes = 4L + 4L * rank;
      if (!gzipped && fileSize - headerBytes < expected) {
        throw truncated(file, count, elementBytes, fileSize - headerBytes);
      }
      byte[] bytes = data.readNBytes(expected);
      if (bytes.length < expected) {
        throw truncated(file, count, elementBytes, bytes.length);
      }
      return new IdxFile(dims, decode(ByteBuffer.wrap(bytes), type, (int) count));
    } catch (EOFException | ZipException e) {
      throw new IllegalArgumentException(
          file
              + " is a damaged gzip file ("
              + (e.getMessage() == null ? "it ends too soon" : e.getMessage())
              + "); download or copy it again",
          e);
    }
  }

  /** The most bytes of elements read into one array. */
  private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  /**
   * The next big-endian int of the header.
   *
   * @throws IllegalArgumentException naming the file and the field, if the file ends before it
   */
  private static int headerInt(DataInputStream data, Path file, String field) throws IOException {
    byte[] bytes = data.readNBytes(4);
    if (bytes.length < 4) {
      throw new IllegalArgumentException(
          file + " is not an IDX file: it ends before " + field + " (its header is cut short)");
    }
    return ByteBuffer.wrap(bytes).getInt();
  }

  private static IllegalArgumentException truncated(
      Path file, long count, int elementBytes, long following) {
    return new IllegalArgumentException(
        file
            + " is truncated: its header promises "
            + count
            + " elements of "
            + elementBytes
            + " byte(s), but only "
            + following
            + " bytes follow it");
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
   * @throws IllegalArgumentException if this file does not hold 2-D items, holds none, or holds
   *     more pixels than an array can, or if {@code limit} is below 1
   */
  public Dataset toImages(double low, double high, int limit) {
    if (dimensions.length != 3) {
      throw new IllegalArgumentException(
          "image IDX files hold [items, height, width], this one has "
              + dimensions.length
              + " dimensions");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("take at least one image, got a limit of " + limit);
    }
    int items = Math.min(limit, dimensions[0]);
    long imagePixels = (long) dimensions[1] * dimensions[2];
    if (items == 0 || imagePixels == 0 || (long) items * imagePixels > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "image IDX files hold at least one non-empty image, and fewer than 2³¹ pixels in all;"
              + " this one holds "
              + Arrays.toString(dimensions));
    }
    int pixels = (int) imagePixels;
    float[] scaled = new float[items * pixels];
    double scale = (high - low) / 255.0;
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = (float) (low + values[i] * scale);
    }
    return Dataset.of(scaled, Shape.of(dimensions[1], dimensions[2], 1));
  }
}
