/**
 * The cluster port over Apache Mesos (v1 scheduler and operator HTTP APIs), chosen with
 * {@code borealis.cluster.driver=mesos}: {@link io.borealis.cluster.mesos.MesosClusterDriver} and
 * its parts — configuration ({@link io.borealis.cluster.mesos.MesosProperties}), the HTTP transport
 * with hand-followed leader redirects, the subscription loop with its heartbeat watchdog, RecordIO
 * decoding, framework id storage, and the translations to and from the port's types. OkHttp is used
 * only here; nothing outside {@code io.borealis.cluster} refers to this package.
 */
package io.borealis.cluster.mesos;
