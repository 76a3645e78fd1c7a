import type { CorpusView } from '../corpus/corpus-view.js';

/**
 * Command handlers query the full analysed corpus. The core may not import
 * the corpus module, so it offers a registration point instead
 * (core/corpus-port.ts) and this layer, which depends on both, fills it in.
 * Type-only: nothing here exists at run time.
 */
declare module '../core/corpus-port.js' {
  interface CorpusRegistration {
    corpus: CorpusView;
  }
}

export {};
