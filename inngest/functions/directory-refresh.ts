/**
 * `directory-refresh`: once a day, every configured provider's institutions are loaded
 * into the merged directory (lib/institutions/directory), one step per provider so one
 * provider's failure neither blocks nor repeats the others.
 */
import { cron } from "inngest";
import { db, type Db } from "@/db/client";
import { refreshDirectory } from "@/lib/institutions/directory";
import { listEnabledProviders } from "@/lib/providers";
import type { Provider } from "@/lib/providers/types";
import { inngest } from "../client";

export const DIRECTORY_REFRESH_CRON = "0 3 * * *";

export function createDirectoryRefreshFunction(deps: { db: Db; providers?: () => Provider[]; now?: () => Date }) {
  return inngest.createFunction(
    { id: "directory-refresh", name: "Load every provider's institutions into the directory", triggers: [cron(DIRECTORY_REFRESH_CRON)] },
    async ({ step }) => {
      const providers = (deps.providers ?? listEnabledProviders)();
      const results = [];
      for (const provider of providers) {
        results.push(
          await step.run(`refresh-${provider.name}`, async () => {
            const [result] = await refreshDirectory(deps.db, [provider], deps.now?.() ?? new Date(), { force: true });
            return result!;
          }),
        );
      }
      return { results };
    },
  );
}

export const directoryRefreshFunction = createDirectoryRefreshFunction({ db });
