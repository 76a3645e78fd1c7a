import { describe, expect, it, vi } from 'vitest';
import { createAdminCheck } from '../../src/adapters/slack/admin-check.js';

/**
 * The platform side of "who is an admin": the adapters decide
 * `actor.isAdmin`; the core tests (admin-permissions) cover what that flag allows.
 */
describe('Slack admin rule: workspace admins/owners or configured admin users', () => {
  const flags: Record<string, { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean }> = {
    UADMIN: { is_admin: true },
    UOWNER: { is_owner: true },
    UPRIMARY: { is_primary_owner: true },
    UMEMBER: {},
  };

  it('admins, owners and listed users are admins; members are not', async () => {
    const lookup = vi.fn(async (u: string) => flags[u]);
    const isAdmin = createAdminCheck({ adminUsers: ['ULISTED'], lookup });
    expect(await isAdmin('UADMIN', 'T1')).toBe(true);
    expect(await isAdmin('UOWNER', 'T1')).toBe(true);
    expect(await isAdmin('UPRIMARY', 'T1')).toBe(true);
    expect(await isAdmin('ULISTED', 'T1')).toBe(true);
    expect(await isAdmin('UMEMBER', 'T1')).toBe(false);
    expect(lookup).not.toHaveBeenCalledWith('ULISTED', 'T1');
  });

  it('a failing users.info lookup fails closed', async () => {
    const isAdmin = createAdminCheck({ adminUsers: [], lookup: async () => { throw new Error('ratelimited'); } });
    expect(await isAdmin('UADMIN', 'T1')).toBe(false);
  });
});
