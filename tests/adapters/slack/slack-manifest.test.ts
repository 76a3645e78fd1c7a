import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSlackManifest } from '../../../src/adapters/slack/slack-manifest.js';
import { manifestYaml, parseManifestArgs } from '../../../src/adapters/slack/write-manifest.js';
import { allCommands } from '../../../src/commands/index.js';
import type { CommandSpec } from '../../../src/core/command-spec.js';

const specs: CommandSpec[] = [
  { name: 'brief', description: 'Briefing on a topic', args: [{ name: 'topic', description: 't', required: true, rest: true }], adminOnly: false, examples: [] },
  { name: 'topics', description: 'Manage channel topics', args: [], adminOnly: true, examples: [], usage: 'topics add|remove|list <topic>' },
];

describe('buildSlackManifest', () => {
  it('declares one slash command per spec plus /newsdesk, with usage hints, in Socket Mode', () => {
    const m = buildSlackManifest(specs, { prefix: '', socketMode: true });
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(['/brief', '/topics', '/newsdesk']);
    expect(m.features.slash_commands[0]).toMatchObject({ usage_hint: '<topic> [share]', should_escape: false });
    expect(m.features.slash_commands[1]).toMatchObject({ usage_hint: 'add|remove|list <topic>' });
    expect(m.features.slash_commands[1].description).toContain('(admins)');
    expect(m.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
    expect(m.settings.socket_mode_enabled).toBe(true);
    expect(m.settings.event_subscriptions).toEqual({ bot_events: ['app_mention'] });
    expect(m.settings.interactivity.is_enabled).toBe(true);
    expect(m.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['commands', 'chat:write', 'app_mentions:read', 'users:read']));
  });

  it('uses the prefix and points every URL at /slack/events in HTTP mode', () => {
    const url = 'https://bot.example.org/slack/events';
    const m = buildSlackManifest(specs, { prefix: 'nd-', socketMode: false, requestUrl: url });
    expect(m.features.slash_commands.map((c) => c.command)).toEqual(['/nd-brief', '/nd-topics', '/newsdesk']);
    expect(m.features.slash_commands.every((c) => c.url === url)).toBe(true);
    expect(m.settings.event_subscriptions.request_url).toBe(url);
    expect(m.settings.interactivity.request_url).toBe(url);
    expect(m.settings.socket_mode_enabled).toBe(false);
  });

  it('keeps within Slack manifest limits for long descriptions', () => {
    const long: CommandSpec = { ...specs[0], name: 'x'.repeat(40), description: 'd'.repeat(500) };
    const m = buildSlackManifest([long], { prefix: 'pre-', socketMode: true, appName: 'n'.repeat(60) });
    expect(m.display_information.name.length).toBeLessThanOrEqual(35);
    expect(m.features.slash_commands[0].command.length).toBeLessThanOrEqual(32);
    expect(m.features.slash_commands[0].description.length).toBeLessThanOrEqual(100);
    expect(m.display_information.long_description.length).toBeGreaterThanOrEqual(175);
  });
});

describe('write-manifest script', () => {
  it('parses flags: a request URL means HTTP mode, none means Socket Mode', () => {
    expect(parseManifestArgs([], {})).toMatchObject({ socketMode: true, prefix: '', out: 'config/slack-manifest.yaml' });
    expect(parseManifestArgs(['--request-url', 'https://h/slack/events', '--prefix=nd-'], {})).toMatchObject({ socketMode: false, prefix: 'nd-', requestUrl: 'https://h/slack/events' });
    expect(parseManifestArgs([], { NEWSDESK_COMMAND_PREFIX: 'q-' }).prefix).toBe('q-');
  });

  it('YAML round-trips to the same manifest, and the checked-in file matches the real command specs', () => {
    const real = allCommands.map((c) => c.spec);
    const text = manifestYaml(real, { prefix: '', socketMode: true });
    expect(parse(text)).toEqual(JSON.parse(JSON.stringify(buildSlackManifest(real, { prefix: '', socketMode: true }))));
    const checkedIn = parse(readFileSync('config/slack-manifest.yaml', 'utf8'));
    expect(checkedIn.features.slash_commands.map((c: { command: string }) => c.command), 'config/slack-manifest.yaml is stale: run npm run slack:manifest').toEqual([...real.map((s) => `/${s.name}`), '/newsdesk']);
  });
});
