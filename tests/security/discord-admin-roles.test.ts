import { describe, expect, it } from 'vitest';
import { isDiscordAdmin } from '../../src/adapters/discord/admin-check.js';
import { toInvocation } from '../../src/adapters/discord/discord-commands.js';
import { viewOfRawInteraction } from '../../src/adapters/discord/raw-interaction.js';
import type { CommandSpec } from '../../src/core/command-spec.js';
import { interactionPayload } from '../fakes/fake-discord.js';

/**
 * Admin roles are matched by id only. A member who creates a role named
 * like the configured one (or whose role is renamed to it) gains nothing.
 */

const EDITORS_ID = '123456789012345678';
const specs = [{ name: 'topics', description: 't', args: [], adminOnly: true, examples: [] }] as unknown as CommandSpec[];

function adminFor(roles: string[], adminRoles: string[]): boolean {
  const view = viewOfRawInteraction(interactionPayload({ name: 'topics', roles, permissions: '0' }) as never);
  return toInvocation(view!, specs, '', adminRoles)!.invocation.actor.isAdmin;
}

describe('Discord admin roles by id', () => {
  it('the configured role id grants admin', () => {
    expect(adminFor([EDITORS_ID], [EDITORS_ID])).toBe(true);
  });

  it('a role name in the config matches nothing, whatever roles the member has', () => {
    expect(adminFor([EDITORS_ID, '222222222222222222'], ['News Editors'])).toBe(false);
    expect(isDiscordAdmin('0', ['News Editors'], ['News Editors'])).toBe(false);
  });

  it('a different role id does not grant admin, nor does a prefix or padding trick', () => {
    expect(adminFor(['123456789012345679'], [EDITORS_ID])).toBe(false);
    expect(adminFor(['12345678901234567'], [EDITORS_ID])).toBe(false);
    expect(adminFor([` ${EDITORS_ID}`], [EDITORS_ID])).toBe(false);
  });
});
