import { describe, expect, it } from 'vitest';
import {
  autocompleteChoices, autocompleteTarget, decodeDiscordAddress, encodeDiscordAddress, type InteractionView, isAdminView, stripShare, toChoices, toInvocation,
} from '../../../src/adapters/discord/discord-commands.js';
import type { CommandSpec } from '../../../src/core/command-spec.js';

const specs: CommandSpec[] = [
  { name: 'brief', description: 'b', adminOnly: false, examples: [], args: [{ name: 'topic', description: 't', required: true, rest: true, autocomplete: 'topics' }] },
  { name: 'who', description: 'w', adminOnly: false, examples: [], args: [{ name: 'name', description: 'n', required: true, autocomplete: 'entities' }] },
  {
    name: 'pair', description: 'p', adminOnly: false, examples: [],
    args: [{ name: 'first word', description: 'f', required: false }, { name: 'second', description: 's', required: true }],
  },
];

function view(over: Partial<InteractionView>): InteractionView {
  return { commandName: 'brief', options: [], userId: 'U1', guildId: 'G1', channelId: '42', permissions: 0n, roleIds: [], ...over };
}

describe('toInvocation', () => {
  it('joins option values in spec order, whatever order Discord sends them', () => {
    const parsed = toInvocation(view({ commandName: 'nd-pair', options: [{ name: 'second', value: 'two' }, { name: 'first_word', value: 'one' }] }), specs, 'nd-', []);
    expect(parsed?.invocation).toMatchObject({ name: 'pair', args: 'one two', platform: 'discord', channel: 'discord:G1:42' });
  });

  it('shares on the share flag or a trailing word "share", stripped before the core', () => {
    expect(toInvocation(view({ options: [{ name: 'topic', value: 'peace talks' }, { name: 'share', value: true }] }), specs, '', [])).toMatchObject({ share: true, invocation: { args: 'peace talks' } });
    expect(toInvocation(view({ options: [{ name: 'topic', value: 'peace talks share' }] }), specs, '', [])).toMatchObject({ share: true, invocation: { args: 'peace talks' } });
    expect(toInvocation(view({ options: [{ name: 'topic', value: 'shareholders' }] }), specs, '', [])).toMatchObject({ share: false, invocation: { args: 'shareholders' } });
    expect(stripShare('share')).toEqual({ args: '', share: true });
  });

  it('resolves the /newsdesk umbrella and returns null for commands that are not ours', () => {
    const v = view({ commandName: 'newsdesk', options: [{ name: 'command', value: 'Who' }, { name: 'args', value: 'ana example' }] });
    expect(toInvocation(v, specs, 'nd-', [])?.invocation).toMatchObject({ name: 'who', args: 'ana example' });
    expect(toInvocation(view({ commandName: 'brief' }), specs, 'nd-', [])).toBeNull();
    expect(toInvocation(view({ commandName: 'ping' }), specs, '', [])).toBeNull();
  });

  it('uses a dm pseudo-guild for DMs and never treats DMs as admin', () => {
    const parsed = toInvocation(view({ guildId: null, permissions: null, options: [{ name: 'topic', value: 'x' }] }), specs, '', ['admins']);
    expect(parsed?.invocation.channel).toBe('discord:dm:42');
    expect(parsed?.invocation.actor.isAdmin).toBe(false);
  });
});

describe('addresses and admin detection', () => {
  it('round-trips addresses and rejects foreign ones', () => {
    expect(decodeDiscordAddress(encodeDiscordAddress('123', '456'))).toEqual({ guildId: '123', channelId: '456' });
    expect(decodeDiscordAddress('discord:dm:456')).toEqual({ guildId: null, channelId: '456' });
    expect(decodeDiscordAddress('slack:T1:C1')).toBeNull();
    expect(decodeDiscordAddress('discord:1:abc')).toBeNull();
  });

  it('grants admin for Manage Server or a configured role id, never a role name', () => {
    expect(isAdminView({ guildId: 'G', permissions: 32n, roleIds: [] }, [])).toBe(true);
    expect(isAdminView({ guildId: 'G', permissions: 2048n | 1024n, roleIds: [] }, [])).toBe(false);
    expect(isAdminView({ guildId: 'G', permissions: 0n, roleIds: ['777'] }, ['777'])).toBe(true);
    // Anyone who can create a role could name it "News Editors"; only ids count.
    expect(isAdminView({ guildId: 'G', permissions: 0n, roleIds: ['777'] }, ['News Editors'])).toBe(false);
    expect(isAdminView({ guildId: 'G', permissions: 0n, roleIds: ['778'] }, ['777'])).toBe(false);
    // DMs never grant admin, whatever the permissions say.
    expect(isAdminView({ guildId: null, permissions: 32n, roleIds: [] }, [])).toBe(false);
  });
});

describe('autocomplete', () => {
  it('finds the source of the focused option, including the umbrella args', () => {
    expect(autocompleteTarget(view({ commandName: 'who', options: [{ name: 'name', value: 'an', focused: true }] }), specs, '')).toEqual({ source: 'entities', typed: 'an' });
    const umbrella = view({ commandName: 'newsdesk', options: [{ name: 'command', value: 'brief' }, { name: 'args', value: 'col', focused: true }] });
    expect(autocompleteTarget(umbrella, specs, '')).toEqual({ source: 'topics', typed: 'col' });
    expect(autocompleteTarget(view({ commandName: 'pair', options: [{ name: 'second', value: 'x', focused: true }] }), specs, '')).toBeNull();
  });

  it('suggests command names for the umbrella command option and asks the router otherwise', () => {
    const calls: string[] = [];
    const router = { specs: () => specs, run: async () => { throw new Error('not used'); }, complete: (s: string, p: string) => (calls.push(`${s}:${p}`), ['Ana Example']) };
    expect(autocompleteChoices(view({ commandName: 'newsdesk', options: [{ name: 'command', value: 'p', focused: true }] }), router, '')).toEqual([{ name: 'pair', value: 'pair' }]);
    expect(autocompleteChoices(view({ commandName: 'who', options: [{ name: 'name', value: 'an', focused: true }] }), router, '')).toEqual([{ name: 'Ana Example', value: 'Ana Example' }]);
    expect(calls).toEqual(['entities:an']);
  });

  it('caps choices at 25 unique values of at most 100 characters', () => {
    const choices = toChoices([...Array.from({ length: 40 }, (_, i) => `name ${i}`), 'name 1', 'z'.repeat(150)]);
    expect(choices).toHaveLength(25);
    expect(new Set(choices.map((c) => c.value)).size).toBe(25);
    expect(toChoices(['z'.repeat(150)])[0].name).toHaveLength(100);
  });
});
