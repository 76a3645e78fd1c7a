import { PermissionFlagsBits } from 'discord-api-types/v10';

/**
 * Who counts as a newsdesk admin on Discord. Pure, so the gateway adapter,
 * the HTTP interactions endpoint and the composition root share one rule.
 */

/** A permissions bitfield as Discord sends it (decimal string) or discord.js holds it (bigint). */
function toBits(bitfield: bigint | string | null): bigint | null {
  if (bitfield === null) return null;
  if (typeof bitfield === 'bigint') return bitfield;
  // Discord serialises bitfields as decimal strings; anything else is treated as "no permissions".
  return /^\d+$/.test(bitfield.trim()) ? BigInt(bitfield.trim()) : null;
}

function hasBit(bits: bigint, flag: bigint): boolean {
  return (bits & flag) === flag;
}

/**
 * True when the member has Manage Server (or Administrator, which Discord
 * treats as every permission), or holds one of the role ids in
 * `config.discord.adminRoles`. `null` permissions (DMs, unknown member) grant
 * nothing by themselves; role matching is by id, exact.
 */
export function isDiscordAdmin(memberPermissionsBitfield: bigint | string | null, memberRoleIds: readonly string[], adminRoles: readonly string[]): boolean {
  const bits = toBits(memberPermissionsBitfield);
  if (bits !== null && (hasBit(bits, PermissionFlagsBits.ManageGuild) || hasBit(bits, PermissionFlagsBits.Administrator))) return true;
  if (!adminRoles.length || !memberRoleIds.length) return false;
  // Only snowflake ids count; a name in the list (a misconfiguration) matches nothing.
  const wanted = new Set(adminRoles.map((r) => r.trim()).filter((r) => /^\d+$/.test(r)));
  return memberRoleIds.some((id) => wanted.has(id));
}
