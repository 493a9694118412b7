/**
 * The few exceptions that carry a message meant for the person who asked: bad input (with the
 * fields at fault), something that does not exist, a conflict with the current state, and a
 * refused permission. The portal and the REST API map exactly these to messages and status codes;
 * anything else is an internal error. They live in the lowest module so every layer can use them.
 */
package io.borealis.error;
