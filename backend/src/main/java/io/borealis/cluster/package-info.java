/**
 * The cluster port: how the scheduler sees a cluster (offers of free resources per agent, task
 * launches, kills, status updates, logs) without knowing which one it is. Adapters live in
 * {@code cluster.local} (real processes on this machine) and {@code cluster.mesos} (Apache Mesos
 * over its v1 HTTP APIs); {@code borealis.cluster.driver} picks one. Nothing outside this package
 * tree may use an adapter directly.
 */
package io.borealis.cluster;
