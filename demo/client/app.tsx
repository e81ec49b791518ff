import type { ComponentType } from "react";
import { AuthProvider, multiSessionPlugin } from "../../src/react/index.js";
import { authClient } from "./auth-client.js";
import { ErrorBoundary } from "./error-boundary.js";
import { Layout } from "./layout.js";
import { HomePage } from "./pages/home.js";
import { NotFoundPage } from "./pages/not-found.js";
import { SettingsPage } from "./pages/settings.js";
import { SignInPage } from "./pages/sign-in.js";
import { SignUpPage } from "./pages/sign-up.js";
import { navigate, useLocation } from "./router.js";

// Created once: <AuthProvider> memoises on its props, so they must keep their identity.
const plugins = [multiSessionPlugin()];

const PAGES: Record<string, ComponentType> = {
  "/": HomePage,
  "/sign-in": SignInPage,
  "/sign-up": SignUpPage,
  "/settings": SettingsPage,
};

/** The demo: Kernia's provider around a four-page app. */
export function App() {
  const { pathname } = useLocation();
  const Page = PAGES[pathname] ?? NotFoundPage;
  return (
    <AuthProvider authClient={authClient} navigate={navigate} plugins={plugins}>
      <ErrorBoundary>
        <Layout>
          <Page />
        </Layout>
      </ErrorBoundary>
    </AuthProvider>
  );
}
