import { InternalEvents } from '~/tracking';
import axios from '~/lib/utils/axios_utils';

/**
 * Retries a job from its menu in the pipeline graph.
 * @param {{ retryPath: string, status: string, stage: string }} job
 * @param {number} attempt how many times the job was already retried
 */
export async function retryJob(job, attempt = 0) {
  const { data } = await axios.post(job.retryPath);

  InternalEvents.trackEvent('retry_ci_job_from_pipeline_graph', {
    label: job.status,
    value: attempt,
    job_stage: job.stage,
    retry_source: 'job_menu',
  });

  return data;
}
