package dev.ebm.core.data;

import static dev.ebm.core.testing.ParserOutcomes.REFUSED;
import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.core.testing.Fuzz;
import dev.ebm.core.testing.Generator;
import dev.ebm.core.testing.Mutations;
import dev.ebm.core.testing.RandomInputs;
import dev.ebm.core.testing.ReportSeedOnFailure;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IdxFile#read} fed mutated valid IDX files (plain, gzipped, and gzipped after the
 * mutation), random bytes, and headers declaring any rank, element type and dimensions (huge,
 * negative, their product past 2³¹) either reads the file — as many values as its dimensions
 * promise, images of it made or refused — or refuses it with an {@link IllegalArgumentException} or
 * {@link IOException} naming it; a huge declared size is refused before anything of that size is
 * allocated. A file read is counted as {@code parsed (images made)} or {@code parsed (images
 * refused)}.
 */
@ExtendWith(ReportSeedOnFailure.class)
class IdxFileFuzzTest {

  /** What the mutations insert: huge, negative and zero sizes, ranks, types, a gzip header. */
  private static final List<String> TOKENS =
      List.of(
          "\u007f\u00ff\u00ff\u00ff",
          "\u00ff\u00ff\u00ff\u00ff",
          "\u0000\u0000\u0000\u0000",
          "\u0000\u0001\u0000\u0000",
          "\u0000\u0000\u0008\u00ff",
          "\u0000\u0000\u000e\u0003",
          "\u0000\u0000\u0007\u0001",
          "\u001f\u008b");

  /** Element types, valid and not. */
  private static final List<Integer> TYPES =
      List.of(0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x00, 0x0A, 0xFF);

  /** Declared dimensions: any, small (negative included), or at the limits of int and 2³¹. */
  private static final Generator<Integer> DIMENSIONS =
      Generator.oneOf(
          RandomInputs.anyInt(),
          Generator.integers(-2, 30),
          Generator.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 65536, 46341));

  @TempDir static Path dir;

  @Test
  void mutatedValidIdxReadsOrIsRefusedNamingTheFile() {
    Generator<byte[]> plain = Mutations.mutated(validIdx(), TOKENS);
    Generator<byte[]> mutated =
        Generator.oneOf(
            plain,
            plain.map(IdxFileFuzzTest::gzip),
            Mutations.mutated(validIdx().map(IdxFileFuzzTest::gzip), TOKENS));
    Fuzz.check("IdxFile mutated-valid", 6041, 1000, mutated, IdxFileFuzzTest::readsOrRefuses);
  }

  @Test
  void anyDeclaredHeaderReadsOrIsRefusedNamingTheFile() {
    Generator<byte[]> header =
        random -> {
          int type = TYPES.get(random.nextInt(TYPES.size()));
          List<Integer> dims = DIMENSIONS.list(0, 6).next(random);
          return idx(type, dims, RandomInputs.bytes(64).next(random));
        };
    Fuzz.check(
        "IdxFile any-header",
        6042,
        500,
        Generator.oneOf(header, header.map(IdxFileFuzzTest::gzip)),
        IdxFileFuzzTest::readsOrRefuses);
  }

  @Test
  void randomBytesReadOrAreRefusedNamingTheFile() {
    Fuzz.check(
        "IdxFile random-bytes",
        6043,
        300,
        RandomInputs.bytes(255),
        IdxFileFuzzTest::readsOrRefuses);
  }

  private static String readsOrRefuses(byte[] content) throws IOException {
    Path file = dir.resolve("images-idx");
    Files.write(file, content);
    Optional<IdxFile> idx = parsedOrRefused(file.toString(), () -> IdxFile.read(file));
    if (idx.isEmpty()) {
      return REFUSED;
    }
    long count = 1;
    for (int d : idx.get().dimensions()) {
      count *= d;
    }
    assertEquals(count, idx.get().values().length, "as many values as the dimensions promise");
    return parsedOrRefused("", () -> idx.get().toImages(0, 1, Integer.MAX_VALUE)).isPresent()
        ? "parsed (images made)"
        : "parsed (images refused)";
  }

  /** Valid IDX files: rank 1–3, any element type, dimensions 0–5, random elements. */
  private static Generator<byte[]> validIdx() {
    return random -> {
      int type = List.of(0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E).get(random.nextInt(6));
      List<Integer> dims = Generator.integers(0, 5).list(1, 3).next(random);
      int count = dims.stream().reduce(1, (a, b) -> a * b);
      int width =
          switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            default -> 8;
          };
      byte[] body = new byte[count * width];
      random.nextBytes(body);
      return idx(type, dims, body);
    };
  }

  /** An IDX file: the magic number of {@code type} and rank, the dimensions, then {@code body}. */
  private static byte[] idx(int type, List<Integer> dims, byte[] body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt((type << 8) | dims.size());
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] content) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
