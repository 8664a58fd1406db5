package dev.ebm.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ebm.core.testing.CapturedWarnings;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

class ReadersTest {

  @TempDir Path dir;

  @Test
  void readsCsvPointsWithAHeader() throws IOException {
    Path file = dir.resolve("points.csv");
    Files.writeString(file, "x,y\n1.5,2\n# a comment\n\n-3,4e-1\n");
    Dataset d = CsvPoints.read(file);
    assertEquals(2, d.size());
    assertEquals(Shape.of(2), d.sampleShape());
    assertArrayEquals(new double[] {1.5, 2, -3, 0.4}, d.toDoubles(), 1e-7);
  }

  @Test
  void malformedCsvValueNamesFileLineAndColumn() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, "1,2\n3,abc\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvPoints.read(file));
    assertEquals(file + " line 2, column 2: 'abc' is not a finite number", e.getMessage());
  }

  @Test
  void aByteOrderMarkBeforeTheFirstRowIsNotAHeader() throws IOException {
    Path file = dir.resolve("bom.csv");
    Files.writeString(file, "\uFEFF1,2\n3,4\n");
    assertArrayEquals(new double[] {1, 2, 3, 4}, CsvPoints.read(file).toDoubles(), 0);
  }

  @Test
  void csvThatIsNotUtf8TextNamesTheFile() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(file, new byte[] {'1', ',', '2', '\n', (byte) 0xE9, ',', '3', '\n'});
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvPoints.read(file));
    assertTrue(e.getMessage().startsWith(file + " is not UTF-8 text"), e.getMessage());
  }

  @Test
  void raggedCsvRowNamesTheLine() throws IOException {
    Path file = dir.resolve("ragged.csv");
    Files.writeString(file, "1,2\n3,4,5\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvPoints.read(file));
    assertEquals(file + " line 2: 3 columns, expected 2", e.getMessage());
  }

  @Test
  void csvValueBeyondFloat32NamesFileLineAndColumn() throws IOException {
    Path file = dir.resolve("huge.csv");
    Files.writeString(file, "1,2\n3,1e39\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CsvPoints.read(file));
    assertTrue(
        e.getMessage().startsWith(file + " line 2, column 2: 1e39 is outside float32's range"),
        e.getMessage());
  }

  @Test
  void csvValueWhoseSquareOverflowsIsAWarningNamingTheFirstOne() throws IOException {
    Path file = dir.resolve("large.csv");
    Files.writeString(file, "1,2\n3,-2e19\n5e20,6\n");
    List<String> warnings;
    try (CapturedWarnings captured = CapturedWarnings.of(CsvPoints.class)) {
      Dataset d = CsvPoints.read(file);
      assertEquals(3, d.size());
      warnings = captured.messages();
    }
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).startsWith(file + " line 2, column 2: -2.0E19 is so large that its square")
            && warnings.get(0).contains("2 such value(s)"),
        warnings.get(0));
  }

  @Test
  void missingFilesAreNamedAsMissing() {
    Path missing = dir.resolve("missing.csv");
    IllegalArgumentException csv =
        assertThrows(IllegalArgumentException.class, () -> CsvPoints.read(missing));
    assertEquals("no such file: " + missing, csv.getMessage());
    IllegalArgumentException idx =
        assertThrows(IllegalArgumentException.class, () -> IdxFile.read(missing));
    assertEquals("no such file: " + missing, idx.getMessage());
  }

  @Test
  void readsPlainAndGzippedIdx() throws IOException {
    byte[] pixels = {0, (byte) 255, 51, 102, 1, 2, 3, 4};
    for (boolean gzip : new boolean[] {false, true}) {
      Path file = dir.resolve(gzip ? "images.gz" : "images");
      try (OutputStream raw = Files.newOutputStream(file);
          DataOutputStream out = new DataOutputStream(gzip ? new GZIPOutputStream(raw) : raw)) {
        out.writeInt(0x00000803);
        out.writeInt(2);
        out.writeInt(2);
        out.writeInt(2);
        out.write(pixels);
      }
      IdxFile idx = IdxFile.read(file);
      assertArrayEquals(new int[] {2, 2, 2}, idx.dimensions());
      Dataset images = idx.toImages(0, 1, Integer.MAX_VALUE);
      assertEquals(Shape.of(2, 2, 1), images.sampleShape());
      assertArrayEquals(
          new double[] {0, 1, 0.2, 0.4, 1 / 255.0, 2 / 255.0, 3 / 255.0, 4 / 255.0},
          images.toDoubles(),
          1e-6);
    }
  }

  @Test
  void readsWideElementTypesBigEndian() throws IOException {
    Path file = dir.resolve("floats");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(0x00000D01);
      out.writeInt(3);
      out.writeFloat(1.5f);
      out.writeFloat(-2.25f);
      out.writeFloat(1e-3f);
    }
    IdxFile idx = IdxFile.read(file);
    assertArrayEquals(new int[] {3}, idx.dimensions());
    assertArrayEquals(new float[] {1.5f, -2.25f, 1e-3f}, idx.values());
  }

  @Test
  void truncatedIdxFilesSayHowMuchIsMissing() throws IOException {
    Path file = dir.resolve("short");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(0x00000B02);
      out.writeInt(2);
      out.writeInt(3);
      out.writeShort(7);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IdxFile.read(file));
    assertEquals(
        file
            + " is truncated: its header promises 6 elements of 2 byte(s), but only 2 bytes"
            + " follow it",
        e.getMessage());
  }

  @Test
  void idxHeadersDeclaringNegativeOrHugeSizesAreRefusedBeforeReadingTheElements()
      throws IOException {
    Path negative = dir.resolve("negative");
    try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(negative))) {
      out.writeInt(0x00000803);
      out.writeInt(2);
      out.writeInt(-1);
      out.writeInt(-1);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IdxFile.read(negative));
    assertEquals(
        negative + ": dimension 2 is -1, but sizes cannot be negative; is the file damaged?",
        e.getMessage());

    Path huge = dir.resolve("huge.gz");
    try (DataOutputStream out =
        new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(huge)))) {
      out.writeInt(0x00000E02);
      out.writeInt(65536);
      out.writeInt(65536);
    }
    e = assertThrows(IllegalArgumentException.class, () -> IdxFile.read(huge));
    assertTrue(
        e.getMessage().startsWith(huge + ": its header declares dimensions [65536, 65536]"),
        e.getMessage());
  }

  @Test
  void aTruncatedGzippedIdxFileIsNamedAsDamaged() throws IOException {
    Path whole = dir.resolve("whole.gz");
    new IdxFile(new int[] {4, 2, 2}, new float[16]).writeUnsignedBytes(whole);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IdxFile.read(cut));
    assertTrue(e.getMessage().startsWith(cut + " is a damaged gzip file ("), e.getMessage());
  }

  @Test
  void rejectsFilesThatAreNotIdx() throws IOException {
    Path file = dir.resolve("not-idx");
    Files.writeString(file, "hello world");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> IdxFile.read(file));
    assertEquals(true, e.getMessage().contains("is not an IDX file"));
  }

  @Test
  void readsFashionMnistWhenInstalled() throws IOException {
    Path file = Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
    assumeTrue(Files.exists(file), "install the Debian package dataset-fashion-mnist");
    IdxFile idx = IdxFile.read(file);
    assertArrayEquals(new int[] {10000, 28, 28}, idx.dimensions());
    Dataset images = idx.toImages(0, 1, 100);
    assertEquals(100, images.size());
    double[] range = images.range();
    assertEquals(0, range[0], 1e-9);
    assertEquals(1, range[1], 1e-6);
  }

  @Test
  void writtenIdxFilesReadBackAndOutOfRangeValuesAreRefused(@TempDir Path dir) throws IOException {
    IdxFile images =
        new IdxFile(
            new int[] {2, 2, 3}, new float[] {0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255});
    Path file = dir.resolve("images-idx3-ubyte.gz");
    images.writeUnsignedBytes(file);
    IdxFile read = IdxFile.read(file);
    assertArrayEquals(images.dimensions(), read.dimensions());
    assertArrayEquals(images.values(), read.values());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new IdxFile(new int[] {2}, new float[] {3, 256})
                    .writeUnsignedBytes(dir.resolve("bad")));
    assertTrue(e.getMessage().contains("element 1"), e.getMessage());
  }
}
