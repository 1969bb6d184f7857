# frozen_string_literal: true

module Groups
  # The usage dashboard of a group.
  class UsageDashboardsDemoController < Groups::ApplicationController
    include ProductAnalyticsTracking

    track_internal_event :index, name: 'view_usage_dashboard_in_demo'

    def index; end

    private

    def tracking_namespace_source
      group
    end

    def tracking_project_source
      nil
    end
  end
end
