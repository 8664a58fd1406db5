/** The shipped methods against the contract every training method must pass. */
package dev.ebm.methods.contract;
