package dev.ebm.experiments.reproduce;

import java.util.List;
import java.util.Map;

/**
 * What a reproduction found: each part of its claim as a finding, the numbers behind them, and the
 * figures it drew (paths relative to its output directory).
 *
 * @param findings the claim's parts, with the paper's number where it gives one and ours
 * @param results every number measured, for {@code results.json}
 * @param figures the figures written
 */
public record Report(List<Finding> findings, Map<String, Object> results, List<String> figures) {

  /**
   * One part of a claim.
   *
   * @param what the statement checked
   * @param paper the paper's number or statement ("" where it gives none)
   * @param ours what we measured
   * @param holds whether our measurement bears the statement out
   */
  public record Finding(String what, String paper, String ours, boolean holds) {}

  /** Whether every finding holds. */
  public boolean allHold() {
    return findings.stream().allMatch(Finding::holds);
  }
}
