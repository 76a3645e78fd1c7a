import { analyzeArticle } from '../analysis/analyze-article.js';
import type { ArticleAnalysis, Span } from '../analysis/types.js';
import { analysisInputOf, type ParsedArticle } from '../corpus/article.js';

/** One line of `analyze --json`: the contract read by the eval scorer (see README). */
export interface AnalysisJson {
  file: string;
  title: string | null;
  byline: string[];
  text: string;
  offsetsInto: 'input' | 'text';
  entities: { name: string; type: string; role: string | null; aliases: string[]; mentions: Span[]; kind: string; id?: string; corpusArticles?: number }[];
  quotes: { text: string; span: Span; direct: boolean; speaker: string | null; speakerSpan: Span | null; cue: string | null }[];
  summary: string[];
  error?: string;
}

/** Analyse a parsed article and express it in the JSON contract, mapping spans back to the input where possible. */
export function toAnalysisJson(file: string, article: ParsedArticle, analysis: ArticleAnalysis = analyzeArticle(analysisInputOf(article)), titleOffset: number | null = null): AnalysisJson {
  const map = (s: Span): Span => (article.offsetsInto === 'input' ? article.offsets.spanToInput(s) : s);
  // Headline attributions can be placed only where the headline is part of the indexed input.
  const shift = (s: Span): Span => [s[0] + (titleOffset ?? 0), s[1] + (titleOffset ?? 0)];
  const headline = titleOffset !== null && article.offsetsInto === 'input' ? analysis.headlineQuotes ?? [] : [];
  return {
    file,
    title: article.title,
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
      ...headline.map((q) => ({ text: q.text, span: shift(q.span), direct: q.direct, speaker: q.speaker, speakerSpan: q.speakerSpan ? shift(q.speakerSpan) : null, cue: q.cue })),
      ...analysis.quotes.map((q) => ({
        text: q.text,
        span: map(q.span),
        direct: q.direct,
        speaker: q.speaker,
        speakerSpan: q.speakerSpan ? map(q.speakerSpan) : null,
        cue: q.cue,
      })),
    ],
    summary: analysis.summary,
  };
}


/** The object printed for a file that could not be read or parsed: keeps one line per input file. */
export function failedAnalysisJson(file: string, message: string): AnalysisJson {
  return { file, title: null, byline: [], text: '', offsetsInto: 'text', entities: [], quotes: [], summary: [], error: message };
}
