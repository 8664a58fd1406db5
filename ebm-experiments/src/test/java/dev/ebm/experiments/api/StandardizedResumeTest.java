package dev.ebm.experiments.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standardised run resumes on the map its {@code data.json} recorded, not on the one the current
 * rule would compute from the data: a run whose recorded map differs (as one written under another
 * rule would) keeps it when trained further.
 */
class StandardizedResumeTest {

  @TempDir Path dir;

  private Training.Builder training(Path run, long steps) {
    return Training.on(TrainingData.toy("moons"))
        .model("mlp:hidden=8")
        .method("dsm")
        .standardize(true)
        .steps(steps)
        .batch(16)
        .runDirectory(run);
  }

  @Test
  void aResumedRunKeepsItsRecordedStandardization() throws IOException {
    Path run = dir.resolve("run");
    double[] currentRule;
    try (TrainedEnergy first = training(run, 2).build().run()) {
      currentRule = first.standardization().orElseThrow().scale();
    }
    // Rewrite the recorded map as another rule would have made it: each scale twice this rule's.
    Path dataJson = run.resolve("data.json");
    JsonObject json = JsonParser.parseString(Files.readString(dataJson)).getAsJsonObject();
    JsonArray scale = new JsonArray();
    double[] otherRule = new double[currentRule.length];
    for (int i = 0; i < currentRule.length; i++) {
      otherRule[i] = currentRule[i] * 2;
      scale.add(otherRule[i]);
    }
    json.getAsJsonObject("standardization").add("scale", scale);
    Files.writeString(dataJson, json.toString());

    try (TrainedEnergy resumed = training(run, 4).build().run()) {
      assertEquals(4, resumed.provenance().step().getAsLong());
      assertArrayEquals(otherRule, resumed.standardization().orElseThrow().scale(), 1e-12);
    }
  }
}
