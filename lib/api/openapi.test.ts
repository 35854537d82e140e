import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { GET as openApiGet } from "@/app/api/v1/openapi.json/route";
import { openApiDocument } from "./openapi";
import { operations } from "./operations";

const appDir = path.resolve(import.meta.dirname, "../../app/api/v1");

/** The route file that serves an OpenAPI path: {accountId} is the [accountId] folder. */
function routeFile(apiPath: string): string {
  return path.join(appDir, apiPath.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
}

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document, served at /api/v1/openapi.json", async () => {
    const response = openApiGet();
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // Every reference points at a component the document holds.
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const name of refs) expect(Object.keys(document.components.schemas)).toContain(name);
    expect(JSON.stringify(document)).not.toContain('"$id"');
  });

  it("describes exactly the routes under app/api/v1, with the methods they export", () => {
    const document = openApiDocument();
    const described = Object.entries(document.paths).flatMap(([apiPath, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${apiPath}`));
    expect(described.sort()).toEqual(Object.values(operations).map((o) => `${o.method.toUpperCase()} ${o.path}`).sort());
    for (const operation of Object.values(operations)) {
      const file = routeFile(operation.path);
      expect(existsSync(file), file).toBe(true);
      const source = readFileSync(file, "utf8");
      // The handler is built from this very operation (and so validates with its schemas).
      expect(source).toContain(`export const ${operation.method.toUpperCase()} = apiRoute(operations.${operation.operationId},`);
    }
  });

  it("documents the query parameters the handler accepts and the path parameters of each path", () => {
    const document = openApiDocument() as unknown as { paths: Record<string, Record<string, { parameters: { name: string; in: string; required: boolean }[] }>> };
    const list = document.paths["/transactions"]!.get!.parameters;
    expect(list.map((p) => p.name).sort()).toEqual(["accountId", "from", "limit", "since", "status", "to"]);
    expect(list.every((p) => p.in === "query" && !p.required)).toBe(true);
    for (const [apiPath, methods] of Object.entries(document.paths)) {
      const placeholders = [...apiPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const operation of Object.values(methods)) {
        expect(operation.parameters.filter((p) => p.in === "path").map((p) => p.name)).toEqual(placeholders);
      }
    }
  });
});
