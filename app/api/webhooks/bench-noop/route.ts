/**
 * The framework's own ceiling for `npm run bench`: a route handler that does nothing,
 * served by the same build under the same path rules as the provider webhooks (no session
 * proxy, the same fixed headers), so the bench can say how close intake comes to it.
 * Not a public surface: it answers 404 unless the bench started the app with BENCH_ROUTES=on.
 * A static segment wins over [provider], and a hyphen is never in a provider's name.
 */
import { NextResponse } from "next/server";

export function POST() {
  if (process.env.BENCH_ROUTES !== "on") return NextResponse.json({ error: "Not found." }, { status: 404 });
  return NextResponse.json({ received: true }, { status: 202 });
}
