/** Customer messages the throughput bench sends (written for this project; varied departments). */
export const BENCH_MESSAGES = [
  'How do I reset my password? The reset email never arrives.',
  'I was charged twice for my subscription this month',
  'Can I get a refund for the annual plan I bought yesterday?',
  'What are the limits of the Starter plan?',
  'When will my card reader be delivered? I ordered it last week.',
  'The mobile app crashes every time I open the payments tab',
  'How do I download my invoices as PDF?',
  'Which countries do you support for payouts?',
  'My two-factor codes are not accepted anymore',
  'How much does an international transfer cost?',
  'Can I change from monthly to yearly billing?',
  'Where can I find my API keys?',
  'Is there a fee for topping up with a credit card?',
  'My webhook endpoint stopped receiving events',
  'How long does shipping to Germany take?',
  'What payment methods do you accept?',
] as const;
