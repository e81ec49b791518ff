// app.tsx: the provider, the user button with its account switcher, and the accounts card.
import { AuthProvider, ManageAccounts, UserButton, multiSessionPlugin } from "kernia/react";
import "kernia/react/styles.css";
import { authClient } from "./getting-started-client.js";

// Created once, outside the component: a new array each render would re-render every consumer.
const plugins = [multiSessionPlugin()];

export function App() {
  return (
    <AuthProvider authClient={authClient} plugins={plugins}>
      <header>
        <UserButton />
      </header>
      <main>
        <ManageAccounts />
      </main>
    </AuthProvider>
  );
}
