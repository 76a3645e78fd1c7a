import { describe, expect, it } from 'vitest';
import { checkTimezone, isIanaTimezone } from '../../src/settings/time-zones.js';
import { ZONE_ABBREVIATIONS } from '../../src/settings/zone-abbreviations.js';

describe('checkTimezone', () => {
  it.each([
    ['America/Bogota', 'America/Bogota'],
    ['america/new_york', 'America/New_York'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    // Current names stay as typed even where ICU still resolves them to older ones (Asia/Calcutta, Europe/Kiev).
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
  ])('accepts %s as %s', (input, zone) => {
    expect(checkTimezone(input)).toEqual({ ok: true, zone });
  });

  it.each([
    ['EST', 'America/New_York'],
    ['est', 'America/New_York'],
    ['CET', 'Europe/Paris'],
    ['PST', 'America/Los_Angeles'],
    ['BST', 'Europe/London'],
    ['IST', 'Asia/Kolkata'],
  ])('refuses the abbreviation %s (Intl would accept some) and suggests %s first', (input, first) => {
    const r = checkTimezone(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(/abbreviation/);
      expect(r.suggestions[0]).toBe(first);
    }
  });

  it('EST no longer silently becomes America/Panama', () => {
    // The runtime links EST to Panama (no daylight saving); that is exactly what must not happen silently.
    expect(new Intl.DateTimeFormat('en-US', { timeZone: 'EST' }).resolvedOptions().timeZone).not.toBe('America/New_York');
    expect(isIanaTimezone('EST')).toBe(false);
  });

  it('old aliases point to their IANA name; typos and bare cities get close zones', () => {
    expect(checkTimezone('US/Eastern')).toMatchObject({ ok: false, suggestions: ['America/New_York'] });
    expect(checkTimezone('America/Bogata')).toMatchObject({ ok: false, suggestions: expect.arrayContaining(['America/Bogota']) });
    expect(checkTimezone('Bogota')).toMatchObject({ ok: false, suggestions: ['America/Bogota'] });
    expect(checkTimezone('Mars/Olympus_Mons')).toMatchObject({ ok: false, reason: expect.stringMatching(/not an IANA time zone/) });
    expect(checkTimezone('')).toMatchObject({ ok: false });
    expect(checkTimezone('x'.repeat(10_000))).toMatchObject({ ok: false, reason: expect.stringMatching(/too long/) });
  });

  it('every suggestion in the abbreviation table is itself an accepted zone', () => {
    for (const [abbr, zones] of Object.entries(ZONE_ABBREVIATIONS)) {
      for (const z of zones) expect(checkTimezone(z), `${abbr} → ${z}`).toEqual({ ok: true, zone: z });
    }
  });
});
