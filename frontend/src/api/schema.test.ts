/** `schema.d.ts` must be what `npm run generate-api` makes of the committed `openapi.json` (run `make types`). */
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { expect, it } from "vitest";

import document from "./openapi.json";
import committed from "./schema.d.ts?raw";

it("schema.d.ts is generated from openapi.json as committed", async () => {
  const generated = COMMENT_HEADER + astToString(await openapiTS(JSON.stringify(document), { silent: true }));
  // A plain comparison: a diff of two 2,700-line files would drown the one line that tells what to do.
  expect(generated === committed, "src/api/schema.d.ts is stale: run `make types`").toBe(true);
}, 30_000);
