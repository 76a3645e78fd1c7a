# syntax=docker/dockerfile:1
# --- build: install dependencies (better-sqlite3 compiles natively), compile TypeScript to dist/ ---
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# Sources go in before `npm ci`: its `prepare` script runs the build (tsc → dist/, data files copied next to the JS).
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund && test -f dist/main.js && npm prune --omit=dev --ignore-scripts

# --- runtime: compiled JavaScript only, non-root, data on a volume ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEWSDESK_DB=/data/newsdesk.db \
    NEWSDESK_CORPUS=/app/seeds \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
COPY seeds ./seeds
COPY models ./models
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# node is PID 1 itself (no npm, no shell, no tsx in between): SIGTERM reaches our handler,
# which stops gracefully and exits within 10 s, well inside Docker's default stop timeout.
STOPSIGNAL SIGTERM
CMD ["node", "dist/main.js"]
