import type { AutocompleteSource } from './command-spec.js';

/** The corpus surface the core itself uses: autocomplete and a size for messages. */
export interface CorpusPort {
  size(): number;
  complete(source: AutocompleteSource, prefix: string, limit: number): string[];
}

/**
 * Where the application registers its concrete corpus view, so command
 * handlers see the full view while core imports nothing above itself (the
 * "register" pattern: declaration merging from the layer that owns the
 * type; see src/commands/corpus-registration.ts). Unregistered, handlers get
 * only CorpusPort.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface CorpusRegistration {}

/** The corpus type handlers receive: the registered view, else CorpusPort. */
export type RegisteredCorpus = CorpusRegistration extends { corpus: infer C extends CorpusPort } ? C : CorpusPort;
