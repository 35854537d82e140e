/** The OpenAPI 3.1 document of the REST API, generated from the operations and their zod schemas. */
import { z } from "zod";
import { operations, type Operation } from "./operations";
import { problemSchema } from "./schemas";

type JsonSchema = Record<string, unknown>;

export function openApiDocument(serverUrl = "/api/v1") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of Object.values(operations) as Operation[]) {
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = describe(operation);
  }
  // Every schema with a .meta({ id }) becomes a component the operations point to.
  const { schemas } = z.toJSONSchema(z.globalRegistry, { target: "draft-2020-12", uri: (id) => `#/components/schemas/${id}`, io: "output" });
  for (const schema of Object.values(schemas)) {
    delete (schema as JsonSchema).$schema;
    delete (schema as JsonSchema).$id;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "OpenBankSync API",
      version: "1",
      description: "Read a company's bank accounts, transactions and connections, and request synchronizations. Authenticate with an API key from Settings → API keys: `Authorization: Bearer obs_…`. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key created by a company admin in Settings." } },
      schemas,
    },
  };
}

function describe(operation: Operation) {
  const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref(problemSchema) } } });
  return {
    operationId: operation.operationId,
    summary: operation.summary,
    description: operation.description,
    "x-scope": operation.scope === "read_sync" ? "read+sync" : "read",
    parameters: [...parameters(operation.params, "path"), ...parameters(operation.query, "query")],
    responses: {
      [operation.status ?? 200]: {
        description: operation.status === 202 ? "Accepted: the background engine carries it out; the body names what to poll" : "OK",
        content: { "application/json": { schema: ref(operation.response) } },
      },
      ...(operation.query ? { 400: problem("Invalid query parameters") } : {}),
      401: problem("Missing, unknown or revoked API key"),
      ...(operation.scope === "read_sync" ? { 403: problem("The key may only read") } : {}),
      ...(operation.params ? { 404: problem("No such resource in the key's company") } : {}),
      ...(operation.status === 202 ? { 409: problem("Not possible now: the account is not synchronized, or its connection is busy") } : {}),
      429: problem(operation.status === 202 ? "Rate limit of the key, or the bank's call budget for today, reached; see Retry-After" : "Rate limit of the key reached; see Retry-After"),
    },
  };
}

function ref(schema: z.ZodType) {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("A response schema needs .meta({ id }) to be referenced.");
  return { $ref: `#/components/schemas/${id}` };
}

/** One parameter per property of an object schema (query or path). */
function parameters(schema: z.ZodType | undefined, location: "query" | "path") {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" }) as JsonSchema & { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === "path" || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}
