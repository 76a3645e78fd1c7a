import type { ArticleRepository } from '../../src/store/article-repository.js';

/** A saved index snapshot read whole (tests): its head, its bytes joined, and the chunks they came in. */
export async function loadSnapshot(repo: Pick<ArticleRepository, 'readIndexSnapshot'>, version: number) {
  const chunks: Buffer[] = [];
  const head = await repo.readIndexSnapshot(version, () => (chunk) => void chunks.push(Buffer.from(chunk)));
  return head && { ...head, bytes: Buffer.concat(chunks), chunks: chunks.length };
}
