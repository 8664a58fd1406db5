/**
 * Data: in-memory float datasets with seeded, resumable batching ({@link
 * dev.ebm.core.data.Dataset}, {@link dev.ebm.core.data.Batcher}), readers for CSV points and IDX
 * images, and 2-D toy densities with known log densities ({@link dev.ebm.core.data.toy}).
 */
package dev.ebm.core.data;
