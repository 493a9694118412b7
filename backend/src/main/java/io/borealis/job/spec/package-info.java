/**
 * Job specs as documents: the JSON and YAML people write in the launch form's raw view and send to
 * the REST API, and the JSON a task configuration is stored as. Missing optional fields get their
 * defaults; unknown fields and wrong types are refused with the field's path.
 */
package io.borealis.job.spec;
