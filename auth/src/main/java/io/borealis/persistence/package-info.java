/** Small helpers shared by the JDBC repositories of every module (the schema lives in the db module). */
package io.borealis.persistence;
