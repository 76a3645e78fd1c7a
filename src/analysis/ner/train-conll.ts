import type { Gazetteer } from '../entities/gazetteers.js';
import { readConll, tagSpans, type LabelledDoc } from './conll.js';
import { docContext, sentenceFeatures } from './features.js';
import { buildModel, emissions, TAGS, viterbi } from './model.js';
import { train, type Example, type Weights } from './train.js';

/** Exact-span scores over PER, ORG and LOC (MISC is left out, as the project's scorer does). */
export interface SpanScores {
  f1: number;
  p: number;
  r: number;
  byType: Record<string, number>;
}

/** What a training run produced. */
export interface TrainResult {
  weights: Weights;
  epoch: number;
  /** Dev scores of the chosen epoch (null without a dev set). */
  dev: SpanScores | null;
  log: string[];
}

const TAG_INDEX = new Map<string, number>(TAGS.map((t, i) => [t, i]));

/** Feature-extract every sentence of some documents, with each document's own context. */
export function toExamples(docs: LabelledDoc[], gaz: Gazetteer): { examples: Example[]; tags: string[][] } {
  const examples: Example[] = [];
  const tags: string[][] = [];
  for (const doc of docs) {
    const ctx = docContext(doc.map((s) => s.words));
    for (const s of doc) {
      examples.push({ feats: sentenceFeatures(s.words, ctx, gaz), gold: Uint8Array.from(s.tags, (t) => TAG_INDEX.get(t) ?? 0) });
      tags.push(s.tags);
    }
  }
  return { examples, tags };
}

/** Exact-span P/R/F1 of predicted against gold IOB2 sequences, ignoring MISC. */
export function scoreSpans(gold: string[][], pred: string[][]): SpanScores {
  const types = ['PER', 'ORG', 'LOC'];
  const c = Object.fromEntries(types.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  gold.forEach((g, i) => {
    const gs = new Set(tagSpans(g).filter((s) => s[2] !== 'MISC').map((s) => s.join(':')));
    const ps = new Set(tagSpans(pred[i]).filter((s) => s[2] !== 'MISC').map((s) => s.join(':')));
    for (const s of ps) c[s.split(':')[2]][gs.has(s) ? 'tp' : 'fp']++;
    for (const s of gs) if (!ps.has(s)) c[s.split(':')[2]].fn++;
  });
  const f = (x: { tp: number; fp: number; fn: number }): number => (2 * x.tp) / Math.max(1, 2 * x.tp + x.fp + x.fn);
  const all = { tp: 0, fp: 0, fn: 0 };
  for (const t of types) for (const k of ['tp', 'fp', 'fn'] as const) all[k] += c[t][k];
  return { f1: f(all), p: all.tp / Math.max(1, all.tp + all.fp), r: all.tp / Math.max(1, all.tp + all.fn), byType: Object.fromEntries(types.map((t) => [t, f(c[t])])) };
}

/** Tag examples with given weights. */
export function predict(w: Weights, examples: Example[]): string[][] {
  const m = buildModel(w.hashes, w.weights, w.trans);
  return examples.map((ex) => Array.from(viterbi(emissions(m, ex.feats), ex.gold.length, m.trans), (t) => TAGS[t]));
}

/**
 * Train on CoNLL-format text. With a dev text, each epoch is scored on it and
 * the best epoch is kept (dev is used for that choice only, never for updates).
 */
export function trainFromConll(trainText: string, devText: string | null, gaz: Gazetteer, opts: { epochs: number; seed: number; prune?: number }): TrainResult {
  const log: string[] = [];
  const trainSet = toExamples(readConll(trainText), gaz);
  const devSet = devText ? toExamples(readConll(devText), gaz) : null;
  log.push(`train: ${trainSet.examples.length} sentences${devSet ? `, dev: ${devSet.examples.length}` : ''}`);
  const scores = new Map<number, SpanScores>();
  const { weights, epoch } = train(trainSet.examples, {
    epochs: opts.epochs,
    seed: opts.seed,
    prune: opts.prune,
    onEpoch: (e, w, wrong) => {
      if (!devSet) {
        log.push(`epoch ${e}: ${wrong} wrong tags in training`);
        return e;
      }
      const s = scoreSpans(devSet.tags, predict(w, devSet.examples));
      scores.set(e, s);
      log.push(`epoch ${e}: ${wrong} wrong tags in training; dev F1 ${s.f1.toFixed(4)} (PER ${s.byType.PER.toFixed(3)} ORG ${s.byType.ORG.toFixed(3)} LOC ${s.byType.LOC.toFixed(3)}), ${w.hashes.length} features`);
      return s.f1;
    },
  });
  return { weights, epoch, dev: scores.get(epoch) ?? null, log };
}
