/**
 * The life of one task: its states (Aurora's), the pure state machine that says which changes are
 * legal and what must happen with each (kill it, replace it, count a failure), the flapping
 * penalty, and what a task and its events look like when stored.
 */
package io.borealis.task;
