/** This app's public origin as the browser sees it, for URLs a provider sends the browser back to. */
import "server-only";
import { headers } from "next/headers";
import { appOrigin } from "./app-origin";

export async function requestOrigin(): Promise<string> {
  return appOrigin(await headers());
}
