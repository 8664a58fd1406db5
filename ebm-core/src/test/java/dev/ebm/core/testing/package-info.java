/**
 * Test helpers shared with the other modules through ebm-core's test-jar: finite-difference
 * gradient checks, and small energies to differentiate; fixed seeds for randomised tests ({@link
 * dev.ebm.core.testing.TestSeeds}); and for fuzzing the parsers, a small harness of our own: {@link
 * dev.ebm.core.testing.Fuzz} runs a property over inputs from a {@link
 * dev.ebm.core.testing.Generator} and counts their outcomes, {@link
 * dev.ebm.core.testing.ParserOutcomes} says which outcomes a parser may have, and the inputs are
 * random ({@link dev.ebm.core.testing.RandomInputs}), byte and JSON mutations of valid inputs
 * ({@link dev.ebm.core.testing.Mutations}, {@link dev.ebm.core.testing.JsonMutations}) or option
 * strings drawn from a component's schema ({@link dev.ebm.core.testing.OptionStrings}); {@link
 * dev.ebm.core.testing.Printable} writes an input into a failure message.
 */
package dev.ebm.core.testing;
