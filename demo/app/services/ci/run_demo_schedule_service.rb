# frozen_string_literal: true

module Ci
  # Creates the pipeline of a pipeline schedule whose cron time has come.
  class RunDemoScheduleService
    def initialize(schedule)
      @schedule = schedule
    end

    def execute
      pipeline = Ci::CreatePipelineService.new(@schedule.project, @schedule.owner, ref: @schedule.ref)
        .execute(:schedule, schedule: @schedule).payload

      Gitlab::InternalEvents.track_event(
        'run_pipeline_schedule_in_demo',
        project: @schedule.project,
        namespace: @schedule.project.namespace,
        additional_properties: { value: pipeline.builds.count }
      )

      pipeline
    end
  end
end
