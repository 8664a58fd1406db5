/** File-system helpers shared by checkpoints and exports. */
package dev.ebm.core.io;
