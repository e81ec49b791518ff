import { useSession } from "../../../src/react/index.js";
import { authClient } from "../auth-client.js";
import { Field, text, useAuthForm } from "../form.js";
import { usePageTitle } from "../layout.js";
import { Link, navigate } from "../router.js";
import { AuthPage } from "./auth-page.js";

/** `/sign-up`: creates an account, signs it in on this browser and makes it the active one. */
export function SignUpPage() {
  const session = useSession();
  const form = useAuthForm(
    (fields) =>
      authClient.signUp.email({
        name: text(fields, "name").trim(),
        email: text(fields, "email"),
        password: text(fields, "password"),
      }),
    () => navigate("/"),
  );
  usePageTitle("Create an account");

  return (
    <AuthPage
      title="Create an account"
      lead={
        session.data
          ? "It joins the accounts already signed in here; switch between them from the account menu."
          : "It takes a few seconds. Add more accounts later and switch between them."
      }
      footer={
        <>
          Already have an account?{" "}
          <Link className="demo-link" href={session.data ? "/sign-in?add=1" : "/sign-in"}>
            Sign in
          </Link>
        </>
      }
    >
      <form className="demo-form" onSubmit={form.onSubmit} aria-busy={form.pending || undefined}>
        <Field label="Name" name="name" autoComplete="name" required autoFocus />
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={8}
          maxLength={128}
          required
          hint="At least 8 characters."
        />
        {form.error ? (
          <p role="alert" className="demo-alert">
            {form.error}
          </p>
        ) : null}
        <button type="submit" className="demo-button demo-button--primary" disabled={form.pending}>
          {form.pending ? "Creating account…" : "Create account"}
        </button>
      </form>
    </AuthPage>
  );
}
