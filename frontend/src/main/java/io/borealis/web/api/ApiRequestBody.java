package io.borealis.web.api;

/**
 * Marks the API's request bodies, which are read strictly: an unknown field is refused (with the
 * list of known ones) instead of silently ignored, so that a typo never becomes a default.
 */
interface ApiRequestBody {}
