/** A stable local AUTH_SECRET for development, generated once and kept in .data/. */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export function localAuthSecret(dataRoot: string): string {
  const file = path.join(dataRoot, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dataRoot, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
