# syntax=docker/dockerfile:1
# --- build: install dependencies (better-sqlite3 compiles natively) and typecheck ---
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json --noEmit && npm prune --omit=dev

# --- runtime: small image, non-root, data on a volume ---
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NEWSDESK_DB=/data/newsdesk.db \
    NEWSDESK_CORPUS=/app/seeds \
    PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
COPY bin ./bin
COPY config ./config
COPY seeds ./seeds
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["npm", "start"]
