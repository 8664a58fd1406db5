/**
 * The graph engine: {@link dev.ebm.core.graph.ModelGraph} owns one TensorFlow graph, its
 * floating-point type and its root seed, and composes the parts that run its session ({@code
 * SessionRunner}, the only class that does), place its ops ({@code ReplicaPlacement}), create and
 * share its variables ({@code VariableRegistry}), checkpoint them ({@code VariableCheckpoint}) and
 * export it ({@code SavedModelWriter}); model parameters are declared as {@link
 * dev.ebm.core.graph.ParameterSpec}s, created as a {@link dev.ebm.core.graph.VariableSet} and
 * passed to graph-building code as explicit {@link dev.ebm.core.graph.Parameters}.
 */
package dev.ebm.core.graph;
