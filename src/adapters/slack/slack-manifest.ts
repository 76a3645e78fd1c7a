import { UMBRELLA_COMMAND, platformCommandName } from '../../core/command-names.js';
import type { CommandSpec } from '../../core/command-spec.js';

/**
 * Slack app manifest generated from the command specs, so an admin creates
 * the whole app (commands, scopes, events, interactivity) in one paste at
 * api.slack.com/apps → "From an app manifest". New command specs show up
 * here without any adapter change.
 */

/** Options for buildSlackManifest. */
export interface SlackManifestOptions {
  /** Platform command prefix ("nd-" → /nd-brief). */
  prefix: string;
  /** Public URL of /slack/events (HTTP mode). Ignored in Socket Mode. */
  requestUrl?: string;
  socketMode: boolean;
  /** App and bot display name (default "newsdesk"). */
  appName?: string;
}

/** A slash command entry in the manifest. */
export interface ManifestSlashCommand {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
  url?: string;
}

/** The manifest object (serialise as YAML or JSON). */
export interface SlackManifest {
  display_information: { name: string; description: string; long_description: string; background_color: string };
  features: { bot_user: { display_name: string; always_online: boolean }; slash_commands: ManifestSlashCommand[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url?: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled: boolean;
    socket_mode_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

/** Placeholder shown when HTTP mode is chosen without a URL; the README tells admins to replace it. */
export const PLACEHOLDER_REQUEST_URL = 'https://newsdesk.example.com/slack/events';

/**
 * Bot scopes and why: `commands` (slash commands), `chat:write` (answers,
 * digests), `chat:write.public` (digests to public channels the bot has not
 * joined), `app_mentions:read` (@newsdesk …), `users:read` (admin check).
 */
export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'app_mentions:read', 'users:read'] as const;

const LIMITS = { name: 35, description: 140, command: 32, commandDescription: 100, usageHint: 100 } as const;

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}

/** Usage hint from the spec's arguments ("<topic> [share]"). */
function usageHint(spec: CommandSpec): string | undefined {
  const fromUsage = spec.usage ? spec.usage.replace(new RegExp(`^${spec.name}\\s*`), '') : '';
  const args = fromUsage || spec.args.map((a) => (a.required ? `<${a.name}>` : `[${a.name}]`)).join(' ');
  const hint = spec.adminOnly ? args : `${args} [share]`.trim();
  return hint ? clip(hint, LIMITS.usageHint) : undefined;
}

/** Build the manifest for the given specs. Pure. */
export function buildSlackManifest(specs: readonly CommandSpec[], opts: SlackManifestOptions): SlackManifest {
  const name = clip(opts.appName ?? 'newsdesk', LIMITS.name);
  const url = opts.socketMode ? undefined : (opts.requestUrl ?? PLACEHOLDER_REQUEST_URL);
  const withUrl = <T extends object>(o: T): T & { url?: string } => (url ? { ...o, url } : o);

  const commands: ManifestSlashCommand[] = specs.map((spec) =>
    withUrl({
      command: `/${clip(platformCommandName(spec.name, opts.prefix), LIMITS.command - 1)}`,
      description: clip(spec.adminOnly ? `${spec.description} (admins)` : spec.description, LIMITS.commandDescription),
      ...(usageHint(spec) ? { usage_hint: usageHint(spec) } : {}),
      should_escape: false,
    }),
  );
  if (!specs.some((s) => platformCommandName(s.name, opts.prefix) === UMBRELLA_COMMAND)) {
    commands.push(
      withUrl({
        command: `/${UMBRELLA_COMMAND}`,
        description: 'Any newsdesk command, e.g. /newsdesk brief colombia',
        usage_hint: clip(`<${specs.map((s) => s.name).join('|')}> [arguments]`, LIMITS.usageHint),
        should_escape: false,
      }),
    );
  }

  return {
    display_information: {
      name,
      description: clip('Briefings, people, quotes and digests from your news corpus.', LIMITS.description),
      long_description:
        'newsdesk brings a news desk into Slack. Ask /brief <topic> for the top stories with short summaries, key quotes and their sources; ' +
        '/who <name> to learn who a person is, where they appear and what they said. Answers are private until you share them to the channel.',
      background_color: '#1d3557',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: commands,
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: ['app_mention'] },
      interactivity: { is_enabled: true, ...(url ? { request_url: url } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: opts.socketMode,
      token_rotation_enabled: false,
    },
  };
}
