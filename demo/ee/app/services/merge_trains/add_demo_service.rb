# frozen_string_literal: true

module MergeTrains
  # Puts a merge request at the end of its target branch's merge train.
  class AddDemoService < ::BaseService
    include Gitlab::InternalEventsTracking

    def execute(merge_request)
      car = merge_request.create_merge_train_car!(target_branch: merge_request.target_branch, user: current_user)

      track_internal_event('start_merge_train_in_demo', user: current_user, project: project)

      car
    end
  end
end
