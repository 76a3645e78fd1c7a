import { errorReply, type Reply } from '../core/reply.js';

/**
 * The polite refusal non-admins get for a settings change, worded like the
 * command registry's so people see one consistent message whether a whole
 * command or only one of its sub-commands is limited to admins.
 */
export function adminRefusal(what: string): Reply {
  return errorReply(
    'Only admins can do that',
    `\`${what}\` changes settings for everyone in this channel, so it is limited to admins.`,
    'You can still read settings (/newsdesk status) and use /brief, /who and /quotes.',
  );
}
