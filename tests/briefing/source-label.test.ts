import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, sourceLabel } from '../../src/briefing/source-label.js';

describe('sourceLabel', () => {
  it('shows the publisher when one is known, whatever the source', () => {
    expect(sourceLabel('/corpus/2023/copper.txt', null, 'Reuters')).toBe('Reuters');
    expect(sourceLabel('https://www.gazette.example/a', 'https://www.gazette.example/a', 'Harbour Gazette')).toBe('Harbour Gazette');
  });

  it('falls back to the site of the URL, then to the file name', () => {
    expect(sourceLabel('/corpus/a.html', 'https://www.gazette.example/a', null)).toBe('gazette.example');
    expect(sourceLabel('https://news.example.org/story', null)).toBe('news.example.org');
    expect(sourceLabel('/corpus/2023/copper.txt', null, '  ')).toBe('copper.txt');
  });
});

describe('formatDate', () => {
  it('renders a known date and says "undated" otherwise', () => {
    expect(formatDate('2013-08-12T00:00:00.000Z')).toBe('12 Aug 2013');
    expect(formatDate(null)).toBe('undated');
    expect(formatDate('not a date')).toBe('undated');
  });
});

describe('formatDate and formatMonth with a made formatter', () => {
  it('give exactly what toLocaleDateString gives, across years, months, day ends and time of day', () => {
    const day = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' } as const;
    const month = { month: 'short', year: 'numeric', timeZone: 'UTC' } as const;
    // Every 16 h 57 min for 12 years: all months, both sides of midnight UTC, leap days.
    for (let ms = Date.UTC(2015, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 61_000_000) {
      const iso = new Date(ms).toISOString();
      expect(formatDate(iso)).toBe(new Date(iso).toLocaleDateString('en-GB', day));
      expect(formatMonth(iso)).toBe(new Date(iso).toLocaleDateString('en-GB', month));
    }
    expect(formatDate('2024-02-29T23:59:59.999Z')).toBe('29 Feb 2024');
    expect(formatDate('2021-10-12T23:30:00-02:00')).toBe('13 Oct 2021');
    expect(formatMonth('2021-09-30T12:00:00Z')).toBe('Sept 2021');
    expect(formatMonth(null)).toBeNull();
    expect(formatMonth('nope')).toBeNull();
  });
});
