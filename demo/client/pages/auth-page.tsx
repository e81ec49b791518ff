import type { ReactNode } from "react";

/**
 * The centred card that the sign-in and sign-up pages share.
 *
 * @example
 * <AuthPage title="Sign in" lead="Welcome back." footer={<Link href="/sign-up">Sign up</Link>}>
 *   <form>…</form>
 * </AuthPage>
 */
export function AuthPage({ title, lead, footer, children }: { title: string; lead: string; footer: ReactNode; children: ReactNode }) {
  return (
    <div className="demo-auth">
      <section className="demo-panel demo-auth__card" aria-labelledby="auth-title">
        <h1 id="auth-title">{title}</h1>
        <p className="demo-lead">{lead}</p>
        {children}
      </section>
      <p className="demo-auth__switch">{footer}</p>
    </div>
  );
}
