import { useSession } from "../../../src/react/index.js";
import { authClient } from "../auth-client.js";
import { Field, text, useAuthForm } from "../form.js";
import { usePageTitle } from "../layout.js";
import { Link, navigate, useLocation } from "../router.js";
import { AuthPage } from "./auth-page.js";

/**
 * `/sign-in`, and "Add account" (`/sign-in?add=1`): with multi-session every sign-in adds the
 * account to this browser and makes it active, so both are the same form.
 */
export function SignInPage() {
  const { search } = useLocation();
  const session = useSession();
  const adding = search.get("add") === "1" || Boolean(session.data);
  const form = useAuthForm(
    (fields) => authClient.signIn.email({ email: text(fields, "email"), password: text(fields, "password") }),
    () => navigate("/"),
  );
  usePageTitle(adding ? "Add an account" : "Sign in");

  return (
    <AuthPage
      title={adding ? "Add an account" : "Sign in"}
      lead={
        adding
          ? "Sign in to another account. The accounts already here stay signed in."
          : "Welcome back. Sign in to continue."
      }
      footer={
        <>
          No account yet?{" "}
          <Link className="demo-link" href={adding ? "/sign-up?add=1" : "/sign-up"}>
            Create one
          </Link>
          {session.data ? (
            <>
              {" · "}
              <Link className="demo-link" href="/">
                Cancel
              </Link>
            </>
          ) : null}
        </>
      }
    >
      <form className="demo-form" onSubmit={form.onSubmit} aria-busy={form.pending || undefined}>
        <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        {form.error ? (
          <p role="alert" className="demo-alert">
            {form.error}
          </p>
        ) : null}
        <button type="submit" className="demo-button demo-button--primary" disabled={form.pending}>
          {form.pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </AuthPage>
  );
}
