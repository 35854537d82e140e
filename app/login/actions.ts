"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { credentialsSchema } from "@/lib/auth/credentials";

export type LoginState = { error: string | null; fieldErrors?: { email?: string[]; password?: string[] } };

export async function login(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const parsed = credentialsSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) return { error: null, fieldErrors: z.flattenError(parsed.error).fieldErrors };
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
        return { error: `Too many failed sign-in attempts. Try again in ${throttled[1]} seconds.` };
      }
      return { error: "Wrong email or password." };
    }
    if (error instanceof AuthError) return { error: "Sign-in failed. Please try again." };
    throw error; // the redirect after a successful sign-in
  }
}
