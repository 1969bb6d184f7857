# frozen_string_literal: true

module Widgets
  # Adds a widget to a project's dashboard.
  class CreateService < BaseService
    include Gitlab::InternalEventsTracking

    def execute(kind:, title:)
      widget = project.dashboard_widgets.create!(kind: kind, title: title, author: current_user)

      track_internal_event('create_widget_from_demo', user: current_user, project: project,
        additional_properties: { label: kind })

      ServiceResponse.success(payload: { widget: widget })
    end
  end
end
