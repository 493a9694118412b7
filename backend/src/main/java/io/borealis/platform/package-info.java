/** Facts about the running installation (version, database) for the portal's overview. */
package io.borealis.platform;
