"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { signIn } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { credentialsSchema } from "@/lib/auth/credentials";

export type LoginState = { error: string | null; fieldErrors?: { email?: string[]; password?: string[] } };

export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = credentialsSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  const t = await getTranslations("login");
  if (!parsed.success) {
    // The schema's own messages are English; each field has one thing to fix, said in the reader's language.
    const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
    return {
      error: null,
      fieldErrors: {
        ...(fields.has("email") && { email: [t("emailInvalid")] }),
        ...(fields.has("password") && { password: [t("passwordRequired")] }),
      },
    };
  }
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackUrl(String(formData.get("callbackUrl") ?? "/")),
    });
    return { error: null };
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const throttled = /^too_many_attempts:(\d+)$/.exec(error.code);
      if (throttled) {
        return { error: t("throttled", { seconds: Number(throttled[1]) }) };
      }
      return { error: t("wrongCredentials") };
    }
    if (error instanceof AuthError) return { error: t("failed") };
    throw error; // the redirect after a successful sign-in
  }
}
