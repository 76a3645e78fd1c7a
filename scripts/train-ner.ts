/**
 * `npm run train:ner`: train the entity tagger on CoNLL-2003 train, choose the
 * epoch on dev, and write models/ner-conll2003.bin.gz. Deterministic: fixed
 * seed and order, no parallelism.
 *
 * Options: --data DIR (holding train.txt and dev.txt; default ../shared/eval/data/conll2003),
 * --epochs N (default 8), --seed N (default 1), --out FILE.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { getGazetteer } from '../src/analysis/entities/gazetteers.js';
import { serializeModel } from '../src/analysis/ner/model.js';
import { MODEL_PATH } from '../src/analysis/ner/tagger.js';
import { trainFromConll } from '../src/analysis/ner/train-conll.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: '../shared/eval/data/conll2003' },
    epochs: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' },
    prune: { type: 'string', default: '0.05' },
    out: { type: 'string', default: MODEL_PATH },
  },
});

const t0 = performance.now();
const dir = resolve(values.data!);
const trainText = readFileSync(resolve(dir, 'train.txt'), 'utf8');
let devText: string | null = null;
try {
  devText = readFileSync(resolve(dir, 'dev.txt'), 'utf8');
} catch {
  console.warn('no dev.txt: the last epoch is kept');
}
const result = trainFromConll(trainText, devText, getGazetteer(), { epochs: Number(values.epochs), seed: Number(values.seed), prune: Number(values.prune) });
for (const line of result.log) console.log(line);
const bytes = serializeModel(result.weights.hashes, result.weights.weights, result.weights.trans);
writeFileSync(values.out!, bytes);
console.log(`kept epoch ${result.epoch}: ${result.weights.hashes.length} features, ${(bytes.length / 1e6).toFixed(1)} MB → ${values.out}`);
if (result.dev) console.log(`dev (tokens as the analysis splits them, MISC ignored): F1 ${result.dev.f1.toFixed(4)} P ${result.dev.p.toFixed(4)} R ${result.dev.r.toFixed(4)} ` + Object.entries(result.dev.byType).map(([k, v]) => `${k} ${v.toFixed(4)}`).join(' '));
console.log(`time ${((performance.now() - t0) / 1000).toFixed(0)} s`);
