/**
 * Test helpers shared with the other modules through ebm-core's test-jar: finite-difference
 * gradient checks, and small energies to differentiate.
 */
package dev.ebm.core.testing;
