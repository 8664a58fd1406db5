package dev.ebm.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint's {@code checksums.sha256} damaged into something other than a manifest — bytes that
 * are not UTF-8 text, a name that is not a file beside it — is named as the damage, so that
 * restoring passes the checkpoint over instead of failing on the manifest.
 */
class DamagedManifestTest {

  @TempDir Path dir;

  private Optional<String> damageWithManifest(byte[] manifest) throws IOException {
    Path checkpoint = dir.resolve("ckpt-000000000010");
    Files.createDirectories(checkpoint);
    Files.writeString(checkpoint.resolve("state.json"), "{}");
    Files.write(checkpoint.resolve(CheckpointChecksums.FILE_NAME), manifest);
    return new CheckpointStore(dir, 1).damage(new CheckpointStore.Checkpoint(checkpoint, 10));
  }

  @Test
  void aManifestThatIsNotUtf8TextIsTheDamage() throws IOException {
    assertEquals(
        Optional.of("checksums.sha256 is not UTF-8 text"),
        damageWithManifest(new byte[] {(byte) 0xff, 'a', '\n'}));
  }

  @Test
  void aManifestNamingAFileOutsideTheCheckpointIsTheDamage() throws IOException {
    String hash = "0".repeat(64);
    for (String name : new String[] {"../state.json", "/etc/hostname", "a\0b"}) {
      assertEquals(
          Optional.of(
              "checksums.sha256 is malformed (it lists '"
                  + name
                  + "', not the name of a file beside it)"),
          damageWithManifest((hash + "  " + name + "\n").getBytes(StandardCharsets.UTF_8)),
          name);
    }
  }
}
