/**
 * The graph engine: {@link dev.ebm.core.graph.ModelGraph} owns one TensorFlow graph, its session,
 * its floating-point type and its root seed, and is the only class that runs a session; model
 * parameters are declared as {@link dev.ebm.core.graph.ParameterSpec}s, created as a {@link
 * dev.ebm.core.graph.VariableSet} and passed to graph-building code as explicit {@link
 * dev.ebm.core.graph.Parameters}.
 */
package dev.ebm.core.graph;
