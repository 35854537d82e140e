import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { SIGNATURE_HEADER, verifySignature } from "../lib/outgoing-webhooks/signature";
import { ADMIN, signIn } from "./fixtures";

test("an admin registers a local receiver for chosen events, sends a test event, the receiver gets a signed request and the log shows it", async ({ page }) => {
  // The receiver, on loopback: the e2e server allows private addresses (playwright.config.ts).
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${Date.now()}`;

  try {
    await signIn(page, ADMIN);
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "Webhooks" });
    const newEndpoint = section.getByRole("group", { name: "Events to receive" }).first();
    await expect(newEndpoint.getByRole("checkbox")).toHaveCount(3);
    for (const box of await newEndpoint.getByRole("checkbox").all()) await expect(box).toBeChecked();
    // This endpoint hears only about failed synchronizations.
    await newEndpoint.getByRole("checkbox", { name: /transactions\.created/ }).uncheck();
    await newEndpoint.getByRole("checkbox", { name: /connection\.needs_attention/ }).uncheck();
    await section.getByLabel("Endpoint URL").fill(url);
    await section.getByRole("button", { name: "Add endpoint" }).click();
    await expect(section.getByRole("status").filter({ hasText: "shown only once" })).toBeVisible();
    const secret = (await section.getByRole("status").filter({ hasText: "shown only once" }).locator("code").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);

    const endpoint = section.getByRole("article", { name: url });
    await expect(endpoint.getByRole("checkbox", { name: /sync\.failed/ })).toBeChecked();
    await expect(endpoint.getByRole("checkbox", { name: /transactions\.created/ })).not.toBeChecked();
    await expect(endpoint).toContainText("Nothing delivered yet.");

    await endpoint.getByRole("button", { name: "Send test event" }).click();
    await expect(endpoint.getByRole("status")).toHaveText("Test event delivered.");
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.headers["content-type"]).toMatch(/application\/json/);
    expect(verifySignature(secret, String(request!.headers[SIGNATURE_HEADER.toLowerCase()]), request!.body)).toBe(true);
    expect(verifySignature("whsec_someone-else", String(request!.headers[SIGNATURE_HEADER.toLowerCase()]), request!.body)).toBe(false);
    expect(JSON.parse(request!.body)).toMatchObject({ type: "test", id: expect.stringMatching(/^evt_/) });

    // The delivery log shows it, and the choice of events can be changed.
    await page.reload();
    const log = endpoint.getByRole("table", { name: `Deliveries to ${url}` });
    await expect(log.getByRole("row").filter({ hasText: "test" })).toContainText("delivered");
    await endpoint.getByRole("checkbox", { name: /transactions\.created/ }).check();
    await endpoint.getByRole("button", { name: "Save events" }).click();
    await expect(endpoint.getByRole("status")).toHaveText("Events saved.");
    await page.reload();
    await expect(endpoint.getByRole("checkbox", { name: /transactions\.created/ })).toBeChecked();
    await expect(endpoint.getByRole("checkbox", { name: /connection\.needs_attention/ })).not.toBeChecked();
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
