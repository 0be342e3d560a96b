/**
 * Staff-channel contracts shared by every chat platform (Slack, Discord): where staff see handoff
 * packets, claim/resolve with buttons, and answer customers from a thread. I/O-free, so adapters
 * may import these types.
 */

/** What staff see when a conversation is handed to humans. */
export interface HandoffPacket {
  escalationId: string;
  conversationId: string;
  /** Customer display name (or platform id when no name is known). */
  customerName: string;
  customerId: string;
  /** Channel the customer writes on: widget | slack | discord. */
  customerChannel: string;
  summary: string;
  /** What the bots already tried (short lines). */
  tried: string[];
  sentiment: string;
  reason: string;
  priority: string;
  /** ISO time the first staff response is due. */
  slaDueAt: string;
  /** open | claimed | resolved | cancelled */
  status: string;
  /** Who owns it (display name), when claimed. */
  assigneeName?: string;
  /** Last few customer lines, oldest first. */
  recentCustomerLines: string[];
  /** What is remembered of the customer from earlier conversations (short lines; empty when nothing). */
  memory?: string[];
}

/** Where a packet was posted: channel + thread (the thread id is the packet message id on Slack). */
export interface StaffThreadRef {
  platform: string;
  channelId: string;
  threadId: string;
}

/** A staff member's message in a packet thread. */
export interface StaffReplyEvent {
  platform: string;
  channelId: string;
  threadId: string;
  /** Platform event id (de-duplicates platform retries). */
  eventId: string;
  userId: string;
  userName?: string;
  text: string;
}

/** A button on a packet (claim / resolve / release). */
export interface StaffActionEvent {
  platform: string;
  action: 'claim' | 'resolve' | 'release';
  escalationId: string;
  userId: string;
  userName?: string;
  /** Where the button was clicked (the packet message). */
  ref?: StaffThreadRef;
}

/** Outcome of a staff reply or action, for the platform to show the staff member. */
export interface StaffResult {
  ok: boolean;
  /** relayed | claimed | resolved | released | duplicate | not_claimed | not_assignee | unknown_thread | error */
  code: string;
  /** Text to show the staff member (ephemeral/thread note) when not ok. */
  message?: string;
}

/** What a staff channel calls when staff act (implemented by src/staff-channels). */
export interface StaffInboundHandlers {
  onStaffReply(event: StaffReplyEvent): Promise<StaffResult>;
  onStaffAction(event: StaffActionEvent): Promise<StaffResult>;
}

/**
 * One staff channel on one platform. The platform adapter implements the transport; the shared
 * relay (src/staff-channels) decides what to post and what staff actions mean.
 */
export interface StaffChannel {
  /** slack | discord */
  readonly platform: string;
  /** relay: staff replies reach the customer; alerts: packets only. */
  readonly mode: 'relay' | 'alerts';
  /** Register inbound handlers (replies in packet threads, button clicks). */
  listen(handlers: StaffInboundHandlers): void;
  /** Post a handoff packet (with Claim/Resolve buttons); returns where it lives. */
  postPacket(packet: HandoffPacket): Promise<StaffThreadRef>;
  /** Re-render the packet message (status, assignee) after a lifecycle change. */
  updatePacket(ref: StaffThreadRef, packet: HandoffPacket): Promise<void>;
  /** Post a note into the packet thread. */
  postUpdate(ref: StaffThreadRef, text: string): Promise<void>;
}
