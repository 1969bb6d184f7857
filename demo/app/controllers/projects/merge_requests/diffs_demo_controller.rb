# frozen_string_literal: true

module Projects
  module MergeRequests
    # The Changes tab of a merge request.
    class DiffsDemoController < Projects::MergeRequests::ApplicationController
      include ProductAnalyticsTracking

      track_internal_event :show, name: 'view_merge_request_diffs_page'

      def show
        @diffs = merge_request.diffs(diff_options)
        render :show
      end

      private

      def tracking_namespace_source
        project.namespace
      end

      def tracking_project_source
        project
      end
    end
  end
end
