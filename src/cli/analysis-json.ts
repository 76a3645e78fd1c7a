import { analyzeArticle } from '../analysis/analyze-article.js';
import type { ArticleAnalysis, ArticleEntity, Quote, Span } from '../analysis/types.js';
import { quoteFeatures } from '../analysis/quotes/confidence.js';
import { analysisInputOf, type ParsedArticle } from '../corpus/article.js';

/** One line of `analyze --json`: the contract read by the eval scorer (see README). */
export interface AnalysisJson {
  file: string;
  title: string | null;
  /** Where the article came from (its URL when known, else the file it was read from). */
  source: string;
  /** The publisher a reader recognises ("Reuters"), from metadata, the URL host or a wire credit; null when nothing names one. */
  publisher: string | null;
  /** Publication date (ISO) or null when the article does not say. */
  publishedAt: string | null;
  byline: string[];
  text: string;
  offsetsInto: 'input' | 'text';
  entities: { name: string; type: string; role: string | null; aliases: string[]; mentions: Span[]; kind: string; id?: string; corpusArticles?: number }[];
  /** `speaker` is null below the show threshold; `confidence` (0–1) and `evidence` say why. */
  quotes: QuoteJson[];
  summary: string[];
  error?: string;
}

/** One quote of `analyze --json`. */
export interface QuoteJson {
  text: string;
  span: Span;
  direct: boolean;
  speaker: string | null;
  speakerSpan: Span | null;
  cue: string | null;
  confidence: number;
  evidence: string;
  /** The name the resolver would give when it is below the show threshold. */
  speakerGuess: string | null;
  features?: number[];
}

function quoteJson(q: Quote, map: (s: Span) => Span, features?: (q: Quote) => number[]): QuoteJson {
  return {
    text: q.text,
    span: map(q.span),
    direct: q.direct,
    speaker: q.speaker,
    speakerSpan: q.speakerSpan ? map(q.speakerSpan) : null,
    cue: q.cue,
    confidence: Math.round((q.confidence ?? (q.speaker ? 1 : 0)) * 1000) / 1000,
    evidence: q.evidence ?? (q.speaker ? 'name' : 'none'),
    speakerGuess: q.speakerGuess ?? null,
    // For refitting the confidence model (tools/train_confidence.py): the evidence features behind `confidence`.
    ...(features ? { features: features(q) } : {}),
  };
}

function entityNamed(analysis: ArticleAnalysis, name: string | null): ArticleEntity | null {
  return (name && analysis.entities.find((e) => e.kind !== 'byline' && e.name === name)) || null;
}

/** Analyse a parsed article and express it in the JSON contract, mapping spans back to the input where possible. */
export function toAnalysisJson(file: string, article: ParsedArticle, analysis: ArticleAnalysis = analyzeArticle(analysisInputOf(article)), titleOffset: number | null = null, withFeatures = false): AnalysisJson {
  const map = (s: Span): Span => (article.offsetsInto === 'input' ? article.offsets.spanToInput(s) : s);
  // Headline attributions can be placed only where the headline is part of the indexed input.
  const shift = (s: Span): Span => [s[0] + (titleOffset ?? 0), s[1] + (titleOffset ?? 0)];
  const headline = titleOffset !== null && article.offsetsInto === 'input' ? analysis.headlineQuotes ?? [] : [];
  return {
    file,
    title: article.title,
    source: article.url ?? article.source,
    publisher: article.publisher ?? null,
    publishedAt: article.publishedAt,
    byline: article.byline,
    text: article.text,
    offsetsInto: article.offsetsInto,
    entities: analysis.entities.map((e) => ({
      name: e.name,
      type: e.type,
      role: e.role,
      aliases: e.aliases,
      mentions: e.mentions.map(map),
      kind: e.kind,
    })),
    quotes: [
      ...headline.map((q) => quoteJson(q, shift)),
      ...analysis.quotes.map((q) => quoteJson(q, map, withFeatures ? (x) => quoteFeatures({ ...x, speaker: x.speaker ?? x.speakerGuess ?? null }, entityNamed(analysis, x.speaker ?? x.speakerGuess ?? null)) : undefined)),
    ],
    summary: analysis.summary,
  };
}


/** The object printed for a file that could not be read or parsed: keeps one line per input file. */
export function failedAnalysisJson(file: string, message: string): AnalysisJson {
  return { file, title: null, source: file, publisher: null, publishedAt: null, byline: [], text: '', offsetsInto: 'text', entities: [], quotes: [], summary: [], error: message };
}
