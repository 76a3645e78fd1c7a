import type { Command } from '../core/command-spec.js';
import { briefCommand } from './brief.js';
import { helpCommand } from './help.js';
import { quotesCommand } from './quotes.js';
import { whoCommand } from './who.js';

/** Every command newsdesk offers. Platform manifests and help are generated from this list. */
export const allCommands: Command[] = [briefCommand, whoCommand, quotesCommand, helpCommand];
