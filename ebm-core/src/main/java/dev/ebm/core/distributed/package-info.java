/**
 * TensorFlow's distributed runtime, as TensorFlow Java 1.1.0 ships it: a cluster description
 * ({@link dev.ebm.core.distributed.ClusterSpec}), a gRPC server per task ({@link
 * dev.ebm.core.distributed.TaskServer}), and sessions whose target is a task's server ({@link
 * dev.ebm.core.distributed.RemoteSession}). Runs on a cluster end cleanly: calls are bounded
 * ({@link dev.ebm.core.distributed.ClusterTimeouts}), a heartbeat between the client and its tasks
 * ({@link dev.ebm.core.distributed.ClusterHeartbeat}) finds a dead or hung task and tells the tasks
 * when the run is over, and a failure names the tasks ({@link
 * dev.ebm.core.distributed.ClusterFailureException}). TensorFlow's gRPC servers have no
 * authentication: run them only on a private network.
 */
package dev.ebm.core.distributed;
