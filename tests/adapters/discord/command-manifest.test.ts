import { afterEach, describe, expect, it } from 'vitest';
import { buildCommandManifest, optionNameFor } from '../../../src/adapters/discord/command-manifest.js';
import { deployCommands, parseDeployArgs, runDeploy } from '../../../src/adapters/discord/deploy.js';
import { allCommands } from '../../../src/commands/index.js';
import type { CommandSpec } from '../../../src/core/command-spec.js';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/fake-discord.js';

/** Discord's rules for chat-input command and option names. */
const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
type Opt = { type: number; name: string; description: string; required?: boolean; autocomplete?: boolean; choices?: { name: string; value: string }[]; max_length?: number };

const adminSpec: CommandSpec = {
  name: 'purge', description: 'Remove every topic this channel follows', adminOnly: true, examples: [],
  args: [
    { name: 'window or action', description: 'x'.repeat(150), required: false, rest: true },
    { name: 'mode', description: 'How', required: true, choices: ['soft', 'hard'] },
  ],
};

describe('buildCommandManifest', () => {
  it('offers the settings commands to Manage Server holders by default, and keeps reading open to everyone', () => {
    const manifest = buildCommandManifest(allCommands.map((c) => c.spec), '');
    const perms = (name: string) => manifest.find((c) => c.name === name)?.default_member_permissions;
    for (const name of ['schedule', 'timezone', 'digest']) expect(perms(name), name).toBe('32');
    for (const name of ['brief', 'who', 'quotes', 'topics', 'status', 'help', 'newsdesk']) expect(perms(name), name).toBeUndefined();
  });

  const specs = allCommands.map((c) => c.spec);

  it('has one command per real spec plus /newsdesk, with valid names and descriptions', () => {
    const manifest = buildCommandManifest(specs, '');
    expect(manifest.map((c) => c.name)).toEqual([...specs.map((s) => s.name), 'newsdesk']);
    for (const cmd of manifest) {
      expect(cmd.name).toMatch(NAME);
      expect(cmd.description.length).toBeGreaterThan(0);
      expect(cmd.description.length).toBeLessThanOrEqual(100);
      const opts = (cmd.options ?? []) as Opt[];
      expect(opts.length).toBeLessThanOrEqual(25);
      // Discord rejects a required option after an optional one.
      const firstOptional = opts.findIndex((o) => !o.required);
      if (firstOptional >= 0) expect(opts.slice(firstOptional).every((o) => !o.required)).toBe(true);
      for (const o of opts) {
        expect(o.name).toMatch(NAME);
        expect(o.description.length).toBeLessThanOrEqual(100);
      }
      expect(opts.find((o) => o.name === 'share')).toMatchObject({ type: 5, required: false });
    }
  });

  it('gives /who and /brief a required, autocompleted string option', () => {
    const manifest = buildCommandManifest(specs, 'nd-');
    const who = manifest.find((c) => c.name === 'nd-who')!;
    const brief = manifest.find((c) => c.name === 'nd-brief')!;
    expect((who.options as Opt[])[0]).toMatchObject({ type: 3, name: 'name', required: true, autocomplete: true });
    expect((brief.options as Opt[])[0]).toMatchObject({ type: 3, name: 'topic', required: true, autocomplete: true, max_length: 200 });
    expect(who.default_member_permissions).toBeUndefined();
    const umbrella = manifest.find((c) => c.name === 'newsdesk')!;
    const [command, args] = umbrella.options as Opt[];
    expect(command).toMatchObject({ name: 'command', required: true });
    expect(command.choices!.map((c) => c.value)).toEqual(specs.map((s) => s.name));
    expect(args).toMatchObject({ name: 'args', required: false, type: 3 });
  });

  it('marks admin-only specs with Manage Server and no DMs, orders required options first, keeps choices', () => {
    const [cmd] = buildCommandManifest([adminSpec], '');
    expect(cmd.default_member_permissions).toBe('32');
    expect(cmd.dm_permission).toBe(false);
    const opts = cmd.options as Opt[];
    expect(opts.map((o) => o.name)).toEqual(['mode', 'window_or_action', 'share']);
    expect(opts[0].choices).toEqual([{ name: 'soft', value: 'soft' }, { name: 'hard', value: 'hard' }]);
    expect(opts[0].autocomplete).toBeUndefined();
    expect(opts[1].description.length).toBe(100);
    expect(optionNameFor({ name: 'Share' })).toBe('share_text');
  });
});

describe('npm run discord:deploy', () => {
  let fake: FakeDiscord | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('parses --guild, --global and --dry-run', () => {
    expect(parseDeployArgs(['--guild', '123456789'])).toMatchObject({ guildId: '123456789', global: false });
    expect(parseDeployArgs(['--guild=123456789', '--dry-run'])).toMatchObject({ guildId: '123456789', dryRun: true });
    expect(parseDeployArgs(['--global']).global).toBe(true);
    expect(() => parseDeployArgs(['--guild', 'abc'])).toThrow(/numeric/);
  });

  it('registers to one guild with PUT /applications/{app}/guilds/{guild}/commands', async () => {
    fake = await startFakeDiscord();
    const lines: string[] = [];
    const env = { DISCORD_TOKEN: 'fake.bot.token', DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.api, DISCORD_DEV_GUILD_ID: '424242424242' };
    expect(await runDeploy([], env, (l) => lines.push(l))).toBe(0);
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/api/v10/applications/${fake.applicationId}/guilds/424242424242/commands`);
    expect(put.authorization).toBe('Bot fake.bot.token');
    const names = (put.body as { name: string }[]).map((c) => c.name);
    expect(names).toContain('brief');
    expect(names).toContain('who');
    expect(names).toContain('newsdesk');
    expect(lines.join('\n')).toMatch(/Registered \d+ commands in server 424242424242/);
  });

  it('registers globally with --global, and fails clearly without credentials', async () => {
    fake = await startFakeDiscord();
    const config = { token: 'fake.bot.token', applicationId: fake.applicationId, apiUrl: fake.api, adminRoles: [] };
    const result = await deployCommands({ config, prefix: '', specs: [adminSpec], rest: { retries: 0 } });
    expect(result).toMatchObject({ scope: 'global', names: ['purge', 'newsdesk'] });
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/api/v10/applications/${fake.applicationId}/commands`);
    expect((put.body as { default_member_permissions?: string }[])[0].default_member_permissions).toBe('32');
    await expect(deployCommands({ config: { ...config, token: undefined }, prefix: '', specs: [] })).rejects.toMatchObject({ code: 'config_invalid' });
  });
});
