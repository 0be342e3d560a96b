/** Canned replies staff can insert (and edit) in the console. */

/** One canned reply. */
export interface CannedReply {
  id: string;
  title: string;
  text: string;
}

/** The built-in canned replies. */
export const CANNED_REPLIES: readonly CannedReply[] = [
  {
    id: 'greeting',
    title: 'Greeting',
    text: "Hi, thanks for your patience — I'm taking over from our assistant and I'm reading through your conversation now.",
  },
  {
    id: 'more-info',
    title: 'Ask for details',
    text: 'Could you share a few more details (your account email, what you expected to happen and what happened instead)? That will help me sort this out quickly.',
  },
  {
    id: 'investigating',
    title: 'Investigating',
    text: "Thanks — I'm looking into this with the team now and will get back to you here as soon as I know more.",
  },
  {
    id: 'refund',
    title: 'Refund issued',
    text: "I've issued the refund. It usually shows up on your statement within 5–10 business days.",
  },
  {
    id: 'security',
    title: 'Security: secure account',
    text: 'For your safety, please change your password now and enable two-factor authentication. We have flagged your account for review by our security team.',
  },
  {
    id: 'closing',
    title: 'Closing',
    text: "Glad we could sort this out! I'll close this conversation now — just write here again if anything else comes up.",
  },
];
