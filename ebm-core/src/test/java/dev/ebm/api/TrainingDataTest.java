package dev.ebm.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Data specs naming a file no file system allows are refused naming the spec. */
class TrainingDataTest {

  @Test
  void aFileNameWithANulCharacterIsRefusedNamingTheSpec() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TrainingData.parse("csv:a\0b.csv"));
    assertEquals(
        "data 'csv:a\0b.csv' names no possible file here (Nul character not allowed)",
        e.getMessage());
  }
}
