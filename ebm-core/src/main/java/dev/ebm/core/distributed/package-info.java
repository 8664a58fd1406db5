/**
 * TensorFlow's distributed runtime, as TensorFlow Java 1.1.0 ships it: a cluster description
 * ({@link dev.ebm.core.distributed.ClusterSpec}), a gRPC server per task ({@link
 * dev.ebm.core.distributed.TaskServer}), and sessions whose target is a task's server ({@link
 * dev.ebm.core.distributed.RemoteSession}). TensorFlow's gRPC servers have no authentication: run
 * them only on a private network.
 */
package dev.ebm.core.distributed;
