# frozen_string_literal: true

require 'spec_helper'

RSpec.describe MergeRequests::ApproveInDemoService, feature_category: :code_review_workflow do
  let_it_be(:project) { create(:project, :repository) }
  let_it_be(:user) { create(:user, developer_of: project) }
  let(:merge_request) { create(:merge_request, source_project: project) }

  subject(:execute) { described_class.new(project: project, current_user: user).execute(merge_request) }

  it_behaves_like 'internal event tracking' do
    let(:event) { 'approve_merge_request_in_demo' }
    let(:category) { described_class.name }
    let(:additional_properties) { { label: 'web', property: 'single_approver' } }
  end

  it 'counts the approving user' do
    expect { execute }
      .to trigger_internal_events('approve_merge_request_in_demo').with(user: user, project: project).once
      .and increment_usage_metrics('redis_hll_counters.count_distinct_user_id_from_approve_merge_request_in_demo_monthly')
  end

  context 'when the merge request is closed' do
    before do
      merge_request.close!
    end

    it 'does not track an approval' do
      expect { execute }.to not_trigger_internal_events('approve_merge_request_in_demo')
    end
  end
end
