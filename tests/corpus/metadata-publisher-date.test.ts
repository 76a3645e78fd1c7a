import { describe, expect, it } from 'vitest';
import { findAgencyHeader, readAgencyHeader } from '../../src/corpus/metadata/agency-header.js';
import { readArticleMetadata } from '../../src/corpus/metadata/article-metadata.js';
import { datelineDate, readDateline } from '../../src/corpus/metadata/dateline.js';
import { publisherFromCredits, publisherFromDesk, publisherFromUrl } from '../../src/corpus/metadata/publisher.js';
import { parseArticle } from '../../src/corpus/parse-article.js';

describe('datelines', () => {
  it('reads place, day and outlet from a wire dateline, and no year it was not given', () => {
    const dl = readDateline('QUITO, Mar 3 (Reuters) - Ecuador’s central bank cut its growth forecast on Tuesday.');
    expect(dl).toMatchObject({ place: 'QUITO', outlet: 'Reuters', month: 3, day: 3, year: null });
    expect(datelineDate(dl!, 'Ecuador’s central bank cut its growth forecast on Tuesday.')).toBeNull();
  });

  it('takes the year from a full date with the same day elsewhere in the text', () => {
    const text = 'QUITO, Mar 3 (Reuters) - The bank said on March 3, 2019 that growth would slow.';
    expect(datelineDate(readDateline(text)!, text)).toBe('2019-03-03T00:00:00.000Z');
  });

  it('takes the year from a reference date, never a day after it', () => {
    const dl = readDateline('OSLO, Dec 30 (Reuters) - Norway’s wealth fund sold its shares in two miners.')!;
    expect(datelineDate(dl, '', '2021-01-04T08:00:00Z')).toBe('2020-12-30T00:00:00.000Z');
    expect(datelineDate(dl, '', '2021-12-31T08:00:00Z')).toBe('2021-12-30T00:00:00.000Z');
  });

  it('reads network datelines glued to the text or followed by two dashes', () => {
    expect(readDateline('Lagos, Nigeria (CNN)Flood waters rose again on Sunday.')).toMatchObject({ place: 'Lagos, Nigeria', outlet: 'CNN' });
    expect(readDateline('(CNN) -- Two ferries collided off the coast on Friday.')).toMatchObject({ place: null, outlet: 'CNN' });
    expect(readDateline('WELLINGTON (AP) — A strong quake shook the capital.')).toMatchObject({ outlet: 'AP' });
  });

  it('does not take a party label after a name for a dateline', () => {
    expect(readDateline('Tom Vesey (Labour) said the budget was fair.')).toBeNull();
  });

  it('reads a full date standing before the story', () => {
    expect(readDateline('April 2, 2016 . Today we look at rivers.')).toMatchObject({ month: 4, day: 2, year: 2016 });
  });
});

describe('agency headers', () => {
  const text = 'By . Press Association . PUBLISHED: . 09:12 EST, 4 March 2014 . | . UPDATED: . 11:40 EST, 4 March 2014 . A lorry spilled six tonnes of onions on the ring road on Tuesday.';

  it('reads the desk, the publication stamp and where the story starts', () => {
    const h = readAgencyHeader(text)!;
    expect(h.desks).toEqual(['Press Association']);
    expect(h.names).toEqual([]);
    expect(h.published).toBe('09:12 EST, 4 March 2014');
    expect(text.slice(h.end)).toMatch(/^A lorry spilled/);
  });

  it('tells people from desks and reads "and" credits and "Last updated" stamps', () => {
    const h = readAgencyHeader('By . Nadia Quist . and Ivo Marr . Last updated at 6:05 PM on 2nd June 2011 . Hail flattened the vineyards overnight.')!;
    expect(h.names).toEqual(['Nadia Quist', 'Ivo Marr']);
    expect(h.published).toBe('6:05 PM on 2nd June 2011');
  });

  it('finds a header after a short teaser block, and none in ordinary text', () => {
    expect(findAgencyHeader('Hail flattened the vineyards . By . Nadia Quist . Growers counted the damage on Monday.')?.names).toEqual(['Nadia Quist']);
    expect(findAgencyHeader('By the end of the week the river had fallen by a metre.')).toBeNull();
  });
});

describe('publishers', () => {
  it('names a site from its URL host', () => {
    expect(publisherFromUrl('https://www.harbourgazette.example/news/ferry')).toBe('harbourgazette.example');
    expect(publisherFromUrl('/corpus/ferry.txt')).toBeNull();
  });

  it('turns a desk credit into its outlet', () => {
    expect(publisherFromDesk('Valley Courier Reporter')).toBe('Valley Courier');
    expect(publisherFromDesk('Associated Press')).toBe('Associated Press');
  });

  it('reads the outlet from a contributed-reporting credit or a Reuters credit block', () => {
    expect(publisherFromCredits('The talks ended. NBC\'s Ola Brandt contributed to this report.')).toBe('NBC');
    expect(publisherFromCredits('Prices rose. (Reporting by Ana Ruiz; Editing by Tom Holt)')).toBe('Reuters');
    expect(publisherFromCredits('Prices rose on Monday.')).toBeNull();
  });

  it('prefers the container’s publisher, then the URL, then credits in the text', () => {
    const text = 'LIMA, May 9 (Reuters) - Copper output rose in April.';
    expect(readArticleMetadata(text, { publisher: 'Andes Wire' }).publisher).toBe('Andes Wire');
    expect(readArticleMetadata(text, { url: 'https://news.example.org/a' }).publisher).toBe('news.example.org');
    expect(readArticleMetadata(text).publisher).toBe('Reuters');
    expect(readArticleMetadata('Copper output rose in April, the ministry said.').publisher).toBeNull();
  });
});

describe('parsed articles carry publisher and date from each source kind', () => {
  it('plain text: wire dateline gives the publisher; no year, so undated', () => {
    const a = parseArticle('LIMA, May 9 (Reuters) - Copper output rose in April, the mining ministry said on Friday.\n', '/corpus/copper.txt');
    expect(a.publisher).toBe('Reuters');
    expect(a.publishedAt).toBeNull();
  });

  it('plain text: a reference date dates a year-less dateline', () => {
    const a = parseArticle('LIMA, May 9 (Reuters) - Copper output rose in April, the mining ministry said on Friday.\n', '/corpus/copper.txt', 'file', { referenceDate: '2023-05-10T00:00:00Z' });
    expect(a.publishedAt).toBe('2023-05-09T00:00:00.000Z');
  });

  it('plain text: an agency header is removed from the text, its person credited and its stamp used', () => {
    const raw = 'By . Nadia Quist . PUBLISHED: . 07:30 EST, 12 August 2013 . | . UPDATED: . 08:02 EST, 12 August 2013 . Hail flattened the vineyards of the valley overnight, growers said.';
    const a = parseArticle(raw, '/corpus/hail.txt');
    expect(a.text).not.toMatch(/PUBLISHED|UPDATED|By \./);
    expect(a.byline).toContain('Nadia Quist');
    expect(a.publishedAt).toBe('2013-08-12T00:00:00.000Z');
    // Offsets still index the input: the story starts where it did.
    expect(raw.indexOf('Hail')).toBe(a.offsets.toInput(a.text.indexOf('Hail')));
  });

  it('front matter: source and date', () => {
    const a = parseArticle('---\ntitle: Ferry service resumes\nsource: Harbour Gazette\ndate: 2022-06-01\n---\nThe ferry to the islands ran again on Monday after a two-week strike.\n', '/corpus/ferry.md');
    expect(a.publisher).toBe('Harbour Gazette');
    expect(a.publishedAt).toBe('2022-06-01T00:00:00.000Z');
  });

  it('JSON: publisher field, or the site of the URL', () => {
    const named = parseArticle(JSON.stringify({ title: 'Ferry', text: 'The ferry ran again on Monday after a strike.', publisher: 'Harbour Gazette' }), '/c/a.json');
    expect(named.publisher).toBe('Harbour Gazette');
    const byUrl = parseArticle(JSON.stringify({ title: 'Ferry', text: 'The ferry ran again on Monday after a strike.', url: 'https://www.gazette.example/ferry' }), '/c/b.json');
    expect(byUrl.publisher).toBe('gazette.example');
  });

  it('HTML: the site name from the page head', () => {
    const page = '<html><head><title>Ferry</title><meta property="og:site_name" content="Harbour Gazette"></head><body><p>The ferry ran again on Monday after a strike that lasted two weeks.</p></body></html>';
    expect(parseArticle(page, '/c/ferry.html').publisher).toBe('Harbour Gazette');
  });
});
