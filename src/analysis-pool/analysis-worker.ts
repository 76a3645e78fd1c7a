import { analyzeArticle } from '../analysis/analyze-article.js';
import { serveAnalysis } from './worker-protocol.js';

// The pool's default worker: the real analysis stage, one article per message.
serveAnalysis(analyzeArticle);
