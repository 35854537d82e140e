import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "./fixtures";

test("an admin creates an API key, the API answers it, and after Revoke the next call is refused", async ({ page, request }) => {
  await signIn(page, ADMIN);
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "API keys" });
  const name = `Ledger ${Date.now()}`;
  await section.getByLabel("Name").fill(name);
  await section.getByLabel("Scope").selectOption("read");
  await section.getByRole("button", { name: "Create API key" }).click();
  await expect(section.getByRole("status")).toContainText("shown only once");
  const key = (await section.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^obs_/);

  // A separate client with no cookies: only the key counts.
  const accounts = await request.get("/api/v1/accounts", { headers: { authorization: `Bearer ${key}` } });
  expect(accounts.status()).toBe(200);
  expect(Array.isArray((await accounts.json()).data)).toBe(true);

  await page.reload();
  const row = section.getByRole("row").filter({ hasText: name });
  await expect(row).not.toContainText("Never");
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(row).toContainText("Revoked");

  const refused = await request.get("/api/v1/accounts", { headers: { authorization: `Bearer ${key}` } });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect(await refused.json()).toMatchObject({ status: 401, title: "Missing or invalid API key" });
});
