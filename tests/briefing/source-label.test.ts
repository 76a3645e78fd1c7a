import { describe, expect, it } from 'vitest';
import { formatDate, sourceLabel } from '../../src/briefing/source-label.js';

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
