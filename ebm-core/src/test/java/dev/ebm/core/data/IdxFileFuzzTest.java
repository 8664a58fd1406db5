package dev.ebm.core.data;

import static dev.ebm.core.testing.ParserOutcomes.parsedOrRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ebm.core.io.Directories;
import dev.ebm.core.testing.Mutations;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@link IdxFile#read} fed mutated valid IDX files (plain, gzipped, and gzipped after the
 * mutation), random bytes, and headers declaring any rank, element type and dimensions (huge,
 * negative, their product past 2³¹) either reads the file — as many values as its dimensions
 * promise, images of it made or refused — or refuses it with an {@link IllegalArgumentException} or
 * {@link IOException} naming it; a huge declared size is refused before anything of that size is
 * allocated.
 */
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

  private static Path dir;

  @BeforeContainer
  static void createDirectory() throws IOException {
    dir = Files.createTempDirectory("idx-fuzz");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    Directories.deleteRecursively(dir);
  }

  @Property(tries = 1000, seed = "6041", edgeCases = EdgeCasesMode.NONE)
  void mutatedValidIdxReadsOrIsRefusedNamingTheFile(@ForAll("mutatedIdx") byte[] content)
      throws IOException {
    readsOrRefuses(content);
  }

  @Property(tries = 500, seed = "6042", edgeCases = EdgeCasesMode.NONE)
  void anyDeclaredHeaderReadsOrIsRefusedNamingTheFile(@ForAll("anyHeader") byte[] content)
      throws IOException {
    readsOrRefuses(content);
  }

  @Property(tries = 300, seed = "6043")
  void randomBytesReadOrAreRefusedNamingTheFile(@ForAll byte[] content) throws IOException {
    readsOrRefuses(content);
  }

  private static void readsOrRefuses(byte[] content) throws IOException {
    Path file = dir.resolve("images-idx");
    Files.write(file, content);
    Optional<IdxFile> idx = parsedOrRefused(file.toString(), () -> IdxFile.read(file));
    if (idx.isPresent()) {
      long count = 1;
      for (int d : idx.get().dimensions()) {
        count *= d;
      }
      assertEquals(count, idx.get().values().length, "as many values as the dimensions promise");
      parsedOrRefused("images", "", () -> idx.get().toImages(0, 1, Integer.MAX_VALUE));
    }
  }

  @Provide
  Arbitrary<byte[]> mutatedIdx() {
    Arbitrary<byte[]> plain = Mutations.mutated(validIdx(), TOKENS);
    return Arbitraries.oneOf(
        plain,
        plain.map(IdxFileFuzzTest::gzip),
        Mutations.mutated(validIdx().map(IdxFileFuzzTest::gzip), TOKENS));
  }

  @Provide
  Arbitrary<byte[]> anyHeader() {
    Arbitrary<byte[]> header =
        Combinators.combine(
                Arbitraries.of(0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x00, 0x0A, 0xFF),
                Arbitraries.oneOf(
                        Arbitraries.integers(),
                        Arbitraries.integers().between(-2, 30),
                        Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 65536, 46341))
                    .list()
                    .ofMaxSize(6),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64))
            .as(
                (type, dims, body) -> {
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
                });
    return Arbitraries.oneOf(header, header.map(IdxFileFuzzTest::gzip));
  }

  /** Valid IDX files: rank 1–3, any element type, dimensions 0–5, random elements. */
  private static Arbitrary<byte[]> validIdx() {
    return Combinators.combine(
            Arbitraries.of(0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E),
            Arbitraries.integers().between(0, 5).list().ofMinSize(1).ofMaxSize(3),
            Arbitraries.randoms())
        .as(
            (type, dims, random) -> {
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
            });
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
