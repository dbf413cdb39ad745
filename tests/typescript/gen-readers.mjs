// Derives the JSON Schema readers of the TypeScript consumers in readers/ with
// ts-json-schema-generator, as each consumer's team would, and writes them where the project
// keeps them: the declared consumer under schemas/consumers/, the others (the Store breaks
// them, or a change the tests make does) as test fixtures. Usage: node gen-readers.mjs [ROOT] (default: the checkout; the
// tests write into a temporary ROOT and compare).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createGenerator } from "ts-json-schema-generator";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, "../.."));
const version = JSON.parse(
  readFileSync(join(here, "node_modules/ts-json-schema-generator/package.json"), "utf8"),
).version;

/**
 * Each reader: its TypeScript source (in readers/), the type, whether the schema tolerates
 * fields the interface does not list (the generator's `additionalProperties` option; by
 * default it refuses them), and where the schema goes.
 */
export const READERS = [
  {
    source: "readers/dashboard.ts",
    type: "FeedbackEvent",
    additionalProperties: true,
    target: "schemas/consumers/dashboard/feedback_event.json",
  },
  {
    source: "readers/dashboard.ts",
    type: "FeedbackEvent",
    additionalProperties: false,
    target: "tests/fixtures/consumers/dashboard-closed-ts/feedback_event.json",
  },
  {
    source: "readers/throttler.ts",
    type: "FeedbackEvent",
    additionalProperties: false,
    target: "tests/fixtures/consumers/throttler-ts/feedback_event.json",
  },
];

/** JSON with sorted keys, 2-space indent and a final newline: the same bytes every run. */
function sorted(value) {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])]));
}

for (const reader of READERS) {
  const schema = createGenerator({
    path: join(here, reader.source),
    tsconfig: join(here, "tsconfig.json"),
    type: reader.type,
    additionalProperties: reader.additionalProperties,
    skipTypeCheck: false,
  }).createSchema(reader.type);
  schema.$comment =
    `Generated from tests/typescript/${reader.source} (${reader.type}) by ts-json-schema-generator ${version}` +
    ` (additionalProperties: ${reader.additionalProperties}); ` +
    "do not edit, regenerate with `npm run readers` in tests/typescript.";
  const target = join(root, reader.target);
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, JSON.stringify(sorted(schema), null, 2) + "\n");
  console.log(`wrote ${reader.target}`);
}
