package dev.ebm.experiments.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ebm.api.TrainedEnergy;
import dev.ebm.api.Training;
import dev.ebm.api.TrainingData;
import dev.ebm.core.data.Standardization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standardised run resumes on the map its {@code data.json} recorded, not on the current rule's:
 * a run whose map scales to unit standard deviation (the rule before {@link
 * Standardization#VECTOR_SCALE}) keeps that map when trained further.
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
    // Rewrite the recorded map to the older unit-scale rule: each scale 4x the current rule's.
    Path dataJson = run.resolve("data.json");
    JsonObject json = JsonParser.parseString(Files.readString(dataJson)).getAsJsonObject();
    JsonArray scale = new JsonArray();
    double[] unitRule = new double[currentRule.length];
    for (int i = 0; i < currentRule.length; i++) {
      unitRule[i] = currentRule[i] * Standardization.VECTOR_SCALE;
      scale.add(unitRule[i]);
    }
    json.getAsJsonObject("standardization").add("scale", scale);
    Files.writeString(dataJson, json.toString());

    try (TrainedEnergy resumed = training(run, 4).build().run()) {
      assertEquals(4, resumed.provenance().step().getAsLong());
      assertArrayEquals(unitRule, resumed.standardization().orElseThrow().scale(), 1e-12);
    }
  }
}
