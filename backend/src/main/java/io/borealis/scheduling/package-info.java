/**
 * Placement (pure): which pending task goes to which offer, with which ports, and for every task
 * that stays pending a plain-language reason naming the check that failed per class of agents.
 * No I/O, no Spring: the scheduler feeds it a snapshot and applies the answer.
 */
package io.borealis.scheduling;
