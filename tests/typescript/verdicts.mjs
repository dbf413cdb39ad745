// Validates every golden example against the published bundle with ajv in 2020-12 mode and
// prints the verdict table as JSON: {"<schema name>": {"<case name>": true | false}}.
// Usage: node verdicts.mjs [BUNDLE_DIR] [GOLDEN_DIR]  (defaults: the checkout's own folders)
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";

const here = dirname(fileURLToPath(import.meta.url));
const bundleDir = resolve(process.argv[2] ?? join(here, "../../src/market_data_store_contracts/schemas/bundle"));
const goldenDir = resolve(process.argv[3] ?? join(here, "../golden"));

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

function* jsonFiles(folder) {
  for (const item of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(folder, item.name);
    if (item.isDirectory()) yield* jsonFiles(path);
    else if (item.name.endsWith(".json")) yield path;
  }
}

// strict: false so a schema keyword ajv does not know (an annotation a future Core adds) is
// ignored as the 2020-12 spec says, instead of refusing the whole schema.
const ajv = new Ajv2020({ strict: false, allErrors: false });
const validators = new Map();
for (const entry of readJson(join(bundleDir, "index.json")).schemas) {
  validators.set(entry.name, ajv.compile(readJson(join(bundleDir, ...entry.file.split("/")))));
}

const table = {};
for (const path of jsonFiles(goldenDir)) {
  const golden = readJson(path);
  const validate = validators.get(golden.schema);
  if (validate === undefined) {
    console.error(`${path}: names schema ${JSON.stringify(golden.schema)}, which the bundle does not publish`);
    process.exit(2);
  }
  const verdicts = (table[golden.schema] ??= {});
  for (const example of golden.cases) {
    if (example.name in verdicts) {
      console.error(`${path}: case ${JSON.stringify(example.name)} appears twice`);
      process.exit(2);
    }
    verdicts[example.name] = validate(example.instance) === true;
  }
}
process.stdout.write(JSON.stringify(table, null, 2) + "\n");
