import { describe, expect, it } from 'vitest';
import { isDiscordAdmin } from '../../../src/adapters/discord/index.js';

/** Discord permission bits used below (documented values). */
const MANAGE_GUILD = 1n << 5n;
const ADMINISTRATOR = 1n << 3n;
const SEND_MESSAGES = 1n << 11n;

describe('isDiscordAdmin', () => {
  it('grants admin for the Manage Server bit, as bigint or as the decimal string Discord sends', () => {
    expect(isDiscordAdmin(MANAGE_GUILD | SEND_MESSAGES, [], [])).toBe(true);
    expect(isDiscordAdmin(String(MANAGE_GUILD | SEND_MESSAGES), [], [])).toBe(true);
  });

  it('treats Administrator as admin, because Discord gives administrators every permission', () => {
    expect(isDiscordAdmin(ADMINISTRATOR, [], [])).toBe(true);
  });

  it('refuses ordinary members without a configured role', () => {
    expect(isDiscordAdmin(SEND_MESSAGES, [], [])).toBe(false);
    expect(isDiscordAdmin(String(SEND_MESSAGES), ['111'], ['222'])).toBe(false);
    expect(isDiscordAdmin('0', ['111'], [])).toBe(false);
  });

  it('grants admin for a role id listed in adminRoles, even without permissions', () => {
    expect(isDiscordAdmin(null, ['111', '222'], ['222'])).toBe(true);
    expect(isDiscordAdmin(SEND_MESSAGES, ['333'], [' 333 '])).toBe(true);
  });

  it('ignores malformed bitfields instead of throwing', () => {
    expect(isDiscordAdmin('not-a-number', [], [])).toBe(false);
    expect(isDiscordAdmin('', ['1'], ['1'])).toBe(true);
  });
});
