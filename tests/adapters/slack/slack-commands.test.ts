import { describe, expect, it } from 'vitest';
import { createAdminCheck } from '../../../src/adapters/slack/admin-check.js';
import { mapSlackError } from '../../../src/adapters/slack/map-slack-error.js';
import {
  decodeSlackAddress,
  encodeSlackAddress,
  mentionCommandText,
  parseCommandLine,
  parseSlashCommand,
  slashCommandNames,
  stripShare,
} from '../../../src/adapters/slack/slack-commands.js';
import type { CommandSpec } from '../../../src/core/command-spec.js';

const known = ['brief', 'who', 'help'];
const specs = known.map((name): CommandSpec => ({ name, description: name, args: [], adminOnly: false, examples: [] }));

describe('Slack command translation', () => {
  it('addresses round-trip and foreign addresses are rejected', () => {
    expect(encodeSlackAddress('T1', 'C1')).toBe('slack:T1:C1');
    expect(decodeSlackAddress('slack:T1:C1')).toEqual({ teamId: 'T1', channelId: 'C1' });
    expect(decodeSlackAddress('discord:1:2')).toBeNull();
    expect(decodeSlackAddress('slack:T1')).toBeNull();
  });

  it('registers prefixed names plus /newsdesk', () => {
    expect(slashCommandNames(specs, 'nd-')).toEqual(['/nd-brief', '/nd-who', '/nd-help', '/newsdesk']);
  });

  it('strips a trailing "share" only as a whole last word', () => {
    expect(stripShare('colombia share')).toEqual({ args: 'colombia', share: true });
    expect(stripShare('SHARE')).toEqual({ args: '', share: true });
    expect(stripShare('shareholders')).toEqual({ args: 'shareholders', share: false });
    expect(stripShare('share prices today')).toEqual({ args: 'share prices today', share: false });
  });

  it('resolves slash commands with and without prefix and through /newsdesk', () => {
    expect(parseSlashCommand('/brief', 'colombia', '', known)).toEqual({ name: 'brief', args: 'colombia', share: false });
    expect(parseSlashCommand('/nd-who', 'blinken share', 'nd-', known)).toEqual({ name: 'who', args: 'blinken', share: true });
    expect(parseSlashCommand('/newsdesk', 'brief colombia', 'nd-', known)).toEqual({ name: 'brief', args: 'colombia', share: false });
    expect(parseSlashCommand('/other', 'x', '', known)).toBeNull();
  });

  it('reads the command after the bot mention', () => {
    expect(mentionCommandText('<@UBOT> brief colombia', 'UBOT')).toBe('brief colombia');
    expect(mentionCommandText('hey <@UBOT|newsdesk>: who blinken', 'UBOT')).toBe('who blinken');
    expect(parseCommandLine(mentionCommandText('<@UBOT>   ', 'UBOT'), '', known)).toEqual({ name: 'help', args: '', share: false });
    expect(parseCommandLine('/nd-brief colombia', 'nd-', known)).toEqual({ name: 'brief', args: 'colombia', share: false });
    expect(parseCommandLine('brief colombia', 'nd-', known)).toEqual({ name: 'brief', args: 'colombia', share: false });
    expect(parseCommandLine('newsdesk who blinken', 'nd-', known)).toEqual({ name: 'who', args: 'blinken', share: false });
  });
});

describe('admin check', () => {
  it('listed users skip the lookup; flags from users.info are cached for the TTL; errors fail closed', async () => {
    let now = 0;
    let lookups = 0;
    const check = createAdminCheck({
      adminUsers: ['ULIST'],
      ttlMs: 1000,
      now: () => now,
      lookup: async (id) => {
        lookups++;
        if (id === 'UERR') throw new Error('boom');
        return { is_admin: id === 'UADM', is_primary_owner: id === 'UPRIME' };
      },
    });
    expect(await check('ULIST')).toBe(true);
    expect(lookups).toBe(0);
    expect(await check('UADM')).toBe(true);
    expect(await check('UPRIME')).toBe(true);
    expect(await check('UX')).toBe(false);
    expect(await check('UERR')).toBe(false);
    expect(lookups).toBe(4);
    await check('UADM');
    expect(lookups).toBe(4);
    now = 2000;
    await check('UADM');
    expect(lookups).toBe(5);
  });
});

describe('mapSlackError', () => {
  it('maps web-api error shapes to NewsdeskError codes', () => {
    expect(mapSlackError({ code: 'slack_webapi_rate_limited_error', retryAfter: 3 })).toMatchObject({ code: 'rate_limited', retryAfterMs: 3000 });
    expect(mapSlackError({ code: 'slack_webapi_platform_error', data: { error: 'channel_not_found' } }).code).toBe('channel_gone');
    expect(mapSlackError({ code: 'slack_webapi_platform_error', data: { error: 'not_in_channel' } }).code).toBe('not_in_channel');
    expect(mapSlackError({ code: 'slack_webapi_platform_error', data: { error: 'token_revoked' } }).code).toBe('auth_failed');
    expect(mapSlackError({ code: 'slack_webapi_http_error', statusCode: 502 }).code).toBe('platform_unavailable');
    expect(mapSlackError({ code: 'slack_webapi_http_error', statusCode: 401 }).code).toBe('auth_failed');
    expect(mapSlackError({ code: 'slack_webapi_request_error', message: 'ECONNREFUSED' }).code).toBe('platform_unavailable');
    expect(mapSlackError(new Error('socket hang up')).code).toBe('platform_unavailable');
  });
});
