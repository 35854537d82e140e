/**
 * The REST API reference, rendered on the server from the same OpenAPI document that
 * /api/v1/openapi.json serves (no client script, nothing loaded from elsewhere).
 */
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { openApiDocument } from "@/lib/api/openapi";
import { problemTypeUri, type ProblemType } from "@/lib/api/problem";

export const metadata: Metadata = { title: "API reference" };

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: Record<string, unknown> };
type OperationDoc = { operationId: string; summary: string; description: string; "x-scope": string; parameters: Parameter[]; responses: Record<string, { description: string; content: Record<string, { schema: { $ref: string } }> }> };

// The problem types in the order the reference lists them, with their HTTP status.
const PROBLEMS: [ProblemType, number][] = [
  ["unauthorized", 401], ["forbidden", 403], ["not-found", 404], ["invalid-request", 400], ["conflict", 409], ["rate-limited", 429], ["internal", 500],
];

export default async function ApiReferencePage() {
  const t = await getTranslations("apiDocs");
  const document = openApiDocument();
  const paths = document.paths as Record<string, Record<string, OperationDoc>>;
  return (
    <main className="mx-auto max-w-4xl p-8">
      <h1 className="text-2xl font-semibold">{document.info.title}</h1>
      <p className="mt-2 text-sm text-slate-700">{document.info.description}</p>
      <p className="mt-2 text-sm">{t("machineReadable")} <a href="/api/v1/openapi.json" className="text-brand-700 underline">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>

      {Object.entries(paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => (
          <section key={`${method} ${path}`} id={operation.operationId} className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
            <h2 className="font-mono text-lg"><span className="font-semibold uppercase">{method}</span> /api/v1{path}</h2>
            <p className="mt-1 font-medium">{operation.summary}</p>
            <p className="mt-1 text-sm text-slate-700">{operation.description}</p>
            <p className="mt-1 text-sm text-slate-500">{t("scope", { scope: operation["x-scope"] })}</p>
            {operation.parameters.length > 0 && (
              <table className="mt-3 w-full text-left text-sm [&_td]:pr-4 [&_th]:pr-4">
                <thead className="text-slate-500"><tr><th>{t("parameter")}</th><th>{t("in")}</th><th>{t("type")}</th><th>{t("description")}</th></tr></thead>
                <tbody>
                  {operation.parameters.map((parameter) => (
                    <tr key={parameter.name} className="border-t border-slate-100 align-top">
                      <td className="py-1 font-mono">{parameter.name}{parameter.required ? " *" : ""}</td>
                      <td>{parameter.in}</td>
                      <td className="font-mono">{typeOf(parameter.schema)}</td>
                      <td>{parameter.description ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <ul className="mt-3 text-sm">
              {Object.entries(operation.responses).map(([status, response]) => (
                <li key={status}><span className="font-mono">{status}</span> {response.description}: <span className="font-mono">{Object.values(response.content)[0]?.schema.$ref.split("/").pop()}</span></li>
              ))}
            </ul>
          </section>
        )),
      )}

      <section className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold">{t("schemas")}</h2>
        {Object.entries(document.components.schemas).map(([name, schema]) => (
          <details key={name} id={`schema-${name}`} className="mt-3">
            <summary className="cursor-pointer font-mono">{name}</summary>
            <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 text-xs">{JSON.stringify(schema, null, 2)}</pre>
          </details>
        ))}
      </section>

      <section className="mt-8 rounded-xl border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold">{t("errors")}</h2>
        <p className="mt-1 text-sm text-slate-700">{t.rich("errorsIntro", { code: (chunks) => <code>{chunks}</code> })}</p>
        <dl className="mt-3 text-sm">
          {PROBLEMS.map(([type, status]) => (
            <div key={type} id={problemTypeUri(type).split("#")[1]} className="mt-2">
              <dt className="font-mono">{problemTypeUri(type)} ({status})</dt>
              <dd className="text-slate-700">{t(`problems.${type}`)}</dd>
            </div>
          ))}
        </dl>
      </section>
    </main>
  );
}

function typeOf(schema: Record<string, unknown>): string {
  if (Array.isArray(schema.enum)) return (schema.enum as string[]).join(" | ");
  return [schema.type, schema.format].filter(Boolean).join(" ");
}
