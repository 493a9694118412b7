/**
 * Personal API tokens: created by people for themselves in the portal (or with another token),
 * shown once, stored as a hash, revocable, optionally expiring. The frontend's API security chain
 * turns an accepted token into the owner's authentication, so the services' access rules apply to
 * API calls exactly as to the portal.
 */
package io.borealis.auth.token;
