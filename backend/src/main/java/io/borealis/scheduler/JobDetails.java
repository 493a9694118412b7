package io.borealis.scheduler;

import io.borealis.job.Job;
import java.util.List;
import java.util.Optional;

/**
 * A job with its instances, for the job page.
 *
 * @param job the stored job
 * @param instances its instances, by id (including ones being removed by a scale-down)
 * @param restart the rolling restart in progress, if any
 */
public record JobDetails(Job job, List<InstanceView> instances, Optional<RestartCoordinator.RestartProgress> restart) {}
