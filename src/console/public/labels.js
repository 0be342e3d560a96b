// Human words for every value the console shows (raw codes stay in data-* attributes for tests/tools).

const words = (map) => (v) =>
  v === null || v === undefined || v === '' ? '—' : (map[v] ?? String(v).replace(/_/g, ' '));

export const reasonLabel = words({
  customer_request: 'Customer asked for a person',
  angry_customer: 'Customer is upset',
  security_incident: 'Possible security incident',
  legal_threat: 'Legal threat',
  low_confidence: 'The assistant was not sure of the answer',
  qa_escalated: 'The quality check stopped the reply',
  model_failure: 'The AI models were unavailable',
  other: 'Needs a person',
});

export const escalationStatusLabel = words({
  open: 'Waiting for someone',
  claimed: 'Being handled',
  resolved: 'Resolved',
  cancelled: 'Cancelled',
});

export const conversationStatusLabel = words({
  bot: 'Assistant answering',
  waiting_human: 'Waiting for a person',
  human: 'With a person',
  resolved: 'Resolved by a person',
});

export const priorityLabel = words({ low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' });

export const departmentLabel = words({
  technical: 'Technical',
  billing: 'Billing',
  product: 'Product',
  escalation: 'Hand-off',
  out_of_scope: 'Out of scope',
});

export const moodLabel = words({ angry: 'Angry', negative: 'Unhappy', neutral: 'Calm', positive: 'Happy' });

export const channelLabel = words({ widget: 'Website chat', slack: 'Slack', discord: 'Discord' });

export const qaLabel = words({ approve: 'Approved', revise: 'Revised before sending', escalate: 'Sent to a person' });

export const eventLabel = words({
  opened: 'Handed over',
  claimed: 'Claimed',
  replied: 'Replied',
  released: 'Released to the queue',
  resolved: 'Resolved',
  cancelled: 'Cancelled',
  reassigned: 'Reassigned',
  customer_message: 'Customer wrote',
});

/** "Billing, 72% sure: asks about charges; words "charged"" from a routing decision. */
export function routingWords(r) {
  if (!r || typeof r !== 'object') return '';
  const sure = typeof r.confidence === 'number' ? `, ${Math.round(r.confidence * 100)}% sure` : '';
  const reason = typeof r.reason === 'string' ? r.reason.replace(/^[^:]*:\s*/, '') : '';
  return `Sent to ${departmentLabel(r.department)}${sure}${reason ? `: ${reason}` : ''}`;
}
