// Generates TypeScript types from every schema of the published bundle into OUT_DIR,
// mirroring the bundle's layout (core/feedback_event.ts, store/feedback_event.ts, ...).
// Usage: node gen-types.mjs OUT_DIR [BUNDLE_DIR]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compile } from "json-schema-to-typescript";

const here = dirname(fileURLToPath(import.meta.url));
if (process.argv[2] === undefined) {
  console.error("usage: node gen-types.mjs OUT_DIR [BUNDLE_DIR]");
  process.exit(2);
}
const outDir = resolve(process.argv[2]);
const bundleDir = resolve(process.argv[3] ?? join(here, "../../src/market_data_store_contracts/schemas/bundle"));

const index = JSON.parse(readFileSync(join(bundleDir, "index.json"), "utf8"));
for (const entry of index.schemas) {
  const schema = JSON.parse(readFileSync(join(bundleDir, ...entry.file.split("/")), "utf8"));
  const code = await compile(schema, entry.title, {
    bannerComment: `/* Generated from the published schema ${entry.name} (${entry.file}) by json-schema-to-typescript. Do not edit. */`,
    cwd: bundleDir,
    declareExternallyReferenced: true,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
  });
  const target = join(outDir, entry.file.replace(/\.json$/, ".ts"));
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, code);
  console.log(`wrote ${target}`);
}
