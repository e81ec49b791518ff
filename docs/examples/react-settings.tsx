// settings.tsx: a settings page with the plugins' cards, and a custom-styled user button.
import { AccountCards, UserButton } from "kernia/react";

export function Header() {
  return <UserButton align="end" className="ml-auto" classNames={{ trigger: "rounded-full", content: "w-72" }} />;
}

export function SettingsPage() {
  return (
    <main>
      <h1>Settings</h1>
      <AccountCards cardClassName="settings-card" />
    </main>
  );
}
