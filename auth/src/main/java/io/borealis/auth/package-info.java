/**
 * People and what they may do: user accounts, password hashing, sign-in throttling and demo
 * accounts. Nothing here knows about the UI; the frontend wires it into Spring Security.
 */
package io.borealis.auth;
