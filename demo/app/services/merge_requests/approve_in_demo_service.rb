# frozen_string_literal: true

module MergeRequests
  # Records a reviewer's approval of a merge request.
  class ApproveInDemoService < BaseService
    include Gitlab::InternalEventsTracking

    def execute(merge_request)
      return error('You cannot approve this merge request') unless can_approve?(merge_request)

      approval = merge_request.approvals.create!(user: current_user)

      track_internal_event(
        'approve_merge_request_in_demo',
        user: current_user,
        project: project,
        additional_properties: {
          label: 'web',
          property: approval.rule_name
        }
      )

      success(approval: approval)
    end

    private

    def can_approve?(merge_request)
      merge_request.open? && current_user.can?(:approve_merge_request, merge_request)
    end
  end
end
