/**
 * What "resolved by the bot" means, as one SQL predicate shared by the staff stats and the cost
 * report (data layer: only SQL text here, no I/O).
 *
 * A conversation counts as resolved by the bot when all of these hold:
 * - the bot's last reply is a grounded answer (`messages.meta->>'kind' = 'answer'`; declined,
 *   uncertain, clarify, blocked, handoff and notices never count, nor legacy internal kinds);
 * - nobody was handed the conversation: no escalation row (any status), no hand-off reply, no staff message;
 * - no reply in the conversation was rated "Not helpful" (feedback rating -1);
 * - the customer did not come back: no customer message after that last reply, and no other
 *   conversation of the same customer started within the return window after it.
 */

/** Default return window in hours: a new conversation of the same customer within it means "came back". */
export const BOT_RESOLUTION_RETURN_WINDOW_HOURS = 48;

/**
 * The predicate for a conversations row aliased `conv` (needs `id` and `customer_id`);
 * `windowHoursParam` is the placeholder of an integer number of hours (e.g. `$2`).
 */
export function botResolvedPredicate(conv: string, windowHoursParam: string): string {
  return `(
  EXISTS (
    SELECT 1 FROM (
      SELECT lb.seq, lb.created_at, lb.meta->>'kind' AS kind FROM messages lb
      WHERE lb.conversation_id = ${conv}.id AND lb.role = 'bot' ORDER BY lb.seq DESC LIMIT 1
    ) last_bot
    WHERE last_bot.kind = 'answer'
      AND NOT EXISTS (SELECT 1 FROM messages later WHERE later.conversation_id = ${conv}.id
                        AND later.role = 'customer' AND later.seq > last_bot.seq)
      AND NOT EXISTS (SELECT 1 FROM conversations back WHERE back.customer_id = ${conv}.customer_id
                        AND back.id <> ${conv}.id AND back.created_at > last_bot.created_at
                        AND back.created_at <= last_bot.created_at + make_interval(hours => ${windowHoursParam}::int))
  )
  AND NOT EXISTS (SELECT 1 FROM escalations he WHERE he.conversation_id = ${conv}.id)
  AND NOT EXISTS (SELECT 1 FROM messages hm WHERE hm.conversation_id = ${conv}.id
                    AND (hm.role = 'staff' OR (hm.role = 'bot' AND hm.meta->>'kind' IN ('handoff', 'escalation'))))
  AND NOT EXISTS (SELECT 1 FROM feedback fb WHERE fb.conversation_id = ${conv}.id AND fb.rating = -1)
)`;
}
