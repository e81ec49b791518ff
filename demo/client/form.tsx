import { useId, useState } from "react";
import type { FormEvent, InputHTMLAttributes } from "react";
import type { AuthClientError, AuthResult } from "../../src/client/index.js";

/**
 * A labelled input, with an optional hint that assistive technology reads with it.
 *
 * @example
 * <Field label="Email" name="email" type="email" autoComplete="email" required />
 */
export function Field({ label, hint, ...input }: InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="demo-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-describedby={hint ? hintId : undefined} {...input} />
      {hint ? (
        <p id={hintId} className="demo-field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

const MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "That email and password don't match an account.",
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: "An account with this email already exists. Sign in instead.",
  PASSWORD_TOO_SHORT: "Use a password of at least 8 characters.",
  PASSWORD_TOO_LONG: "Use a password of at most 128 characters.",
  VALIDATION_ERROR: "Check the fields and try again.",
  INVALID_ORIGIN: "This page isn't allowed to sign in here. Open the demo at its own address.",
  MISSING_OR_NULL_ORIGIN: "This page isn't allowed to sign in here. Open the demo at its own address.",
};

/**
 * What to tell a person whose sign-in or sign-up failed. Server messages are for developers;
 * these are for people.
 *
 * @example
 * authErrorMessage({ status: 0, code: "NETWORK_ERROR", message: "…" }); // "Can't reach the server…"
 */
export function authErrorMessage(error: AuthClientError): string {
  if (error.status === 0) return "Can't reach the server. Check your connection and try again.";
  if (error.status === 429) return "Too many attempts. Wait a few seconds and try again.";
  return MESSAGES[error.code] ?? "Something went wrong on our side. Try again in a moment.";
}

/**
 * Submits a form's fields to `send`, tracks the pending state and the error message, and calls
 * `onSuccess` when the call succeeds.
 *
 * @example
 * const form = useAuthForm((fields) => authClient.signIn.email(...), () => navigate("/"));
 * <form onSubmit={form.onSubmit}>…{form.error && <p role="alert">{form.error}</p>}</form>
 */
export function useAuthForm<T>(send: (fields: FormData) => Promise<AuthResult<T>>, onSuccess: () => void) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    const result = await send(new FormData(event.currentTarget));
    setPending(false);
    if (result.error) setError(authErrorMessage(result.error));
    else onSuccess();
  };

  return { pending, error, onSubmit: (event: FormEvent<HTMLFormElement>) => void onSubmit(event) };
}

/** A form field's value as a string (`FormData` can also hold files). */
export function text(fields: FormData, name: string): string {
  const value = fields.get(name);
  return typeof value === "string" ? value : "";
}
