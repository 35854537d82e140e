/** GET /api/v1/connections */
import { db } from "@/db/client";
import { operations } from "@/lib/api/operations";
import { apiConnections } from "@/lib/api/reads";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute(operations.listConnections, async ({ caller }) => ({ data: await apiConnections(db, caller.companyId) }));
