import type { Command } from '../core/command-spec.js';
import { briefCommand } from './brief.js';
import { digestCommand } from './digest.js';
import { feedsCommand } from './feeds.js';
import { helpCommand } from './help.js';
import { quotesCommand } from './quotes.js';
import { scheduleCommand } from './schedule.js';
import { statusCommand } from './status.js';
import { timezoneCommand } from './timezone.js';
import { topicsCommand } from './topics.js';
import { whoCommand } from './who.js';

/** Every command newsdesk offers. Platform manifests and help are generated from this list. */
export const allCommands: Command[] = [
  briefCommand, whoCommand, quotesCommand, topicsCommand, helpCommand,
  // Channel settings and digests (issue 7); sub-command permissions are checked in the handlers.
  statusCommand, scheduleCommand, timezoneCommand, digestCommand,
  // Feeds (issue 17): `list` for everyone, changes for admins.
  feedsCommand,
];
