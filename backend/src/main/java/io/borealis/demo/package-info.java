/** Demo data for the embedded default: teams, memberships and quotas for the demo accounts. */
package io.borealis.demo;
