# frozen_string_literal: true

module MergeRequests
  # Applies one action (approve, close, ...) to many merge requests at once.
  class BulkActionService
    include Gitlab::InternalEventsTracking

    def execute(action, merge_requests, user)
      merge_requests.each { |merge_request| merge_request.public_send(action, user) }

      track_internal_event("#{action}_merge_request_in_demo", user: user, project: merge_requests.first.project)
    end
  end
end
