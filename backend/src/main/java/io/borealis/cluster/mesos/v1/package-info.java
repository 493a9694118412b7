/**
 * The Mesos v1 wire model Borealis speaks: the messages of {@code mesos.proto}, the scheduler API's
 * {@code Call} and {@code Event}, and the few operator API calls the cluster page needs, as records
 * whose snake_case JSON is exactly what a master reads and writes (the shared reference/
 * mesos-http-api.md sections 1, 3, 4 and 9), plus {@link io.borealis.cluster.mesos.v1.MesosJson},
 * the codec. Only the fields Borealis uses are modelled; everything else a master sends is ignored.
 */
package io.borealis.cluster.mesos.v1;
