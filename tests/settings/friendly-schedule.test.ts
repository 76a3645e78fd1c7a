import { describe, expect, it } from 'vitest';
import { formatInZone, isValidTimezone, parseSchedule } from '../../src/settings/friendly-schedule.js';

describe('parseSchedule', () => {
  it.each([
    ['daily 08:30', '30 8 * * *'],
    ['weekdays 09:00', '0 9 * * 1-5'],
    ['mondays 07:00', '0 7 * * 1'],
    ['Weekdays at 9am', '0 9 * * 1-5'],
    ['tuesdays and fridays 6:15pm', '15 18 * * 2,5'],
    ['weekends 10:00', '0 10 * * 0,6'],
    ['every 15 minutes', '*/15 * * * *'],
    ['hourly', '0 * * * *'],
    ['*/5 * * * *', '*/5 * * * *'],
    ['0 9 * * 1-5', '0 9 * * 1-5'],
  ])('%s → %s', (text, cron) => {
    expect(parseSchedule(text)?.cron).toBe(cron);
  });

  it.each(['daily 8', 'daily 25:00', 'daily 08:75', 'someday 09:00', '61 9 * * *', '* * * * * *', '', 'every 90 minutes'])('refuses %j', (text) => {
    expect(parseSchedule(text)).toBeNull();
  });

  it('gives a readable label', () => {
    expect(parseSchedule('weekdays 09:00')?.label).toBe('weekdays at 09:00');
    expect(parseSchedule('mondays 07:00')?.label).toBe('Mondays at 07:00');
  });
});

describe('time zones', () => {
  it('accepts IANA zones and refuses made-up ones', () => {
    expect(isValidTimezone('America/Bogota')).toBe(true);
    expect(isValidTimezone('UTC')).toBe(true);
    expect(isValidTimezone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimezone('')).toBe(false);
  });

  it('formats instants in the channel zone', () => {
    expect(formatInZone(new Date('2026-03-02T14:00:00Z'), 'America/Bogota')).toContain('09:00');
    expect(formatInZone(new Date('2026-03-02T14:00:00Z'), 'Asia/Tokyo')).toContain('23:00');
  });
});
