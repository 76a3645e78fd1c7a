import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import type { APIApplicationCommandInteractionDataBasicOption, APIInteraction } from 'discord-api-types/v10';
import type { InteractionView } from './discord-commands.js';

/**
 * Pure helpers for the HTTP interactions endpoint: Ed25519 request
 * verification with node:crypto and raw interaction JSON → InteractionView.
 */

/** DER prefix that turns a raw 32-byte Ed25519 public key into SPKI (RFC 8410). */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The application's public key (64 hex characters, Developer Portal → General Information) as a KeyObject. */
export function ed25519PublicKey(hex: string): KeyObject {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error('Discord public key must be 64 hex characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/** Check `X-Signature-Ed25519` over `timestamp + raw body`. Never throws. */
export function verifyDiscordSignature(key: KeyObject, signatureHex: string | undefined, timestamp: string | undefined, rawBody: Buffer): boolean {
  if (!signatureHex || !timestamp || !/^[0-9a-f]{128}$/i.test(signatureHex)) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), key, Buffer.from(signatureHex, 'hex'));
  } catch {
    return false;
  }
}

/**
 * Discord does not reject replays itself, so an old signed request must be
 * refused here: the timestamp (Unix seconds) must be within `maxSkewSeconds` of now.
 */
export function isFreshTimestamp(timestamp: string | undefined, now: Date, maxSkewSeconds: number): boolean {
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= maxSkewSeconds;
}

/** Reduce a raw APPLICATION_COMMAND / AUTOCOMPLETE interaction to the adapter's view (null for other types). */
export function viewOfRawInteraction(raw: APIInteraction): InteractionView | null {
  if (raw.type !== 2 && raw.type !== 4) return null;
  const data = raw.data as { name?: unknown; options?: unknown } | undefined | null;
  if (!data || typeof data.name !== 'string' || !data.name) return null;
  const options = (Array.isArray(data.options) ? data.options : []) as APIApplicationCommandInteractionDataBasicOption[];
  const member = 'member' in raw ? raw.member : undefined;
  const user = member?.user ?? ('user' in raw ? raw.user : undefined);
  const channelId = (raw.channel as { id?: unknown } | null | undefined)?.id ?? (raw as { channel_id?: string }).channel_id;
  if (!user || typeof user.id !== 'string' || typeof channelId !== 'string') return null;
  const roles = Array.isArray(member?.roles) ? member.roles.filter((r): r is string => typeof r === 'string') : [];
  return {
    commandName: data.name,
    options: options.filter((o) => o && typeof o === 'object' && typeof o.name === 'string').map((o) => ({
      name: o.name,
      value: 'value' in o && o.value !== undefined ? o.value : '',
      focused: 'focused' in o ? o.focused : undefined,
    })),
    userId: user.id,
    userName: user.global_name ?? user.username,
    guildId: raw.guild_id ?? null,
    channelId,
    permissions: typeof member?.permissions === 'string' && /^\d{1,30}$/.test(member.permissions) ? BigInt(member.permissions) : null,
    roleIds: roles,
  };
}
