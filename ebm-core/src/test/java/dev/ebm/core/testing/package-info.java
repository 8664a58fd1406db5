/**
 * Test helpers shared with the other modules through ebm-core's test-jar: finite-difference
 * gradient checks, and small energies to differentiate; and for fuzzing the parsers, the outcomes a
 * parser may have ({@link dev.ebm.core.testing.ParserOutcomes}), byte and JSON mutations of valid
 * inputs ({@link dev.ebm.core.testing.Mutations}, {@link dev.ebm.core.testing.JsonMutations}) and
 * option strings drawn from a component's schema ({@link dev.ebm.core.testing.OptionStrings}).
 */
package dev.ebm.core.testing;
