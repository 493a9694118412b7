/**
 * A protocol-faithful Mesos master emulator (test fixture, published in the backend test-jar): see
 * {@link io.borealis.cluster.mesos.emulator.MesosMasterEmulator}.
 */
package io.borealis.cluster.mesos.emulator;
